using Microsoft.EntityFrameworkCore;

namespace SimCse.Api.Persistence;

/// <summary>
/// The service's database. Timestamps are unix seconds (OpenAI's convention, and portable across
/// providers: SQLite cannot order DateTimeOffset columns). Only the host picks the provider (SQLite by
/// default), so adding PostgreSQL means a provider package and a migrations assembly, not new domain code.
/// </summary>
public sealed class SimCseDbContext(DbContextOptions<SimCseDbContext> options) : DbContext(options)
{
    public DbSet<StoredFile> Files => Set<StoredFile>();

    public DbSet<ModelRecord> Models => Set<ModelRecord>();

    public DbSet<ServiceSetting> Settings => Set<ServiceSetting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<StoredFile>(file =>
        {
            file.HasKey(f => f.Id);
            file.Property(f => f.Id).HasMaxLength(64);
            file.Property(f => f.Filename).HasMaxLength(512);
            file.Property(f => f.Purpose).HasMaxLength(32);
            file.Property(f => f.Sha256).HasMaxLength(64);
        });
        modelBuilder.Entity<ModelRecord>(model =>
        {
            model.HasKey(m => m.Id);
            model.Property(m => m.Id).HasMaxLength(256);
            model.HasIndex(m => m.JobId);
        });
        modelBuilder.Entity<ServiceSetting>(setting =>
        {
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasMaxLength(64);
        });
    }
}
