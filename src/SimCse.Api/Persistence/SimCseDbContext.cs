using Microsoft.EntityFrameworkCore;

namespace SimCse.Api.Persistence;

/// <summary>
/// The service's database. Timestamps are unix seconds (OpenAI's convention, and portable across
/// providers: SQLite cannot order DateTimeOffset columns). Only the host picks the provider: this type is the
/// SQLite context (its migrations are in <c>Migrations/</c>), <see cref="PostgresSimCseDbContext"/> the same model
/// with PostgreSQL's migrations (<c>Migrations/Postgres/</c>); domain code only sees this type.
/// </summary>
public class SimCseDbContext : DbContext
{
    public SimCseDbContext(DbContextOptions<SimCseDbContext> options)
        : base(options)
    {
    }

    /// <summary>For provider-specific subclasses, whose migrations EF Core finds by their own type.</summary>
    protected SimCseDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<StoredFile> Files => Set<StoredFile>();

    public DbSet<ModelRecord> Models => Set<ModelRecord>();

    public DbSet<ServiceSetting> Settings => Set<ServiceSetting>();

    public DbSet<FineTuningJobRecord> Jobs => Set<FineTuningJobRecord>();

    public DbSet<JobEventRecord> JobEvents => Set<JobEventRecord>();

    public DbSet<JobCheckpointRecord> JobCheckpoints => Set<JobCheckpointRecord>();

    public DbSet<ReplicaRecord> Replicas => Set<ReplicaRecord>();

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
        modelBuilder.Entity<FineTuningJobRecord>(job =>
        {
            job.HasKey(j => j.Id);
            job.Property(j => j.Id).HasMaxLength(64);
            job.Property(j => j.Model).HasMaxLength(256);
            job.Property(j => j.Status).HasMaxLength(32);
            job.Property(j => j.Method).HasMaxLength(32);
            job.Property(j => j.ErrorCode).HasMaxLength(64);
            job.Property(j => j.FineTunedModel).HasMaxLength(256);
            job.Property(j => j.TrainingFile).HasMaxLength(64);
            job.Property(j => j.ValidationFile).HasMaxLength(64);
            job.Property(j => j.Suffix).HasMaxLength(64);
            job.Property(j => j.Worker).HasMaxLength(256);
            job.HasIndex(j => j.Status);
            job.HasIndex(j => j.CreatedAt);
        });
        modelBuilder.Entity<JobEventRecord>(jobEvent =>
        {
            jobEvent.HasKey(e => e.Sequence);
            jobEvent.Property(e => e.Sequence).ValueGeneratedOnAdd();
            jobEvent.Property(e => e.Id).HasMaxLength(64);
            jobEvent.Property(e => e.JobId).HasMaxLength(64);
            jobEvent.Property(e => e.Level).HasMaxLength(16);
            jobEvent.Property(e => e.Type).HasMaxLength(16);
            jobEvent.HasIndex(e => e.Id).IsUnique();
            jobEvent.HasIndex(e => e.JobId);
            jobEvent.HasOne<FineTuningJobRecord>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<JobCheckpointRecord>(checkpoint =>
        {
            checkpoint.HasKey(c => c.Id);
            checkpoint.Property(c => c.Id).HasMaxLength(64);
            checkpoint.Property(c => c.JobId).HasMaxLength(64);
            checkpoint.Property(c => c.ModelId).HasMaxLength(256);
            checkpoint.HasIndex(c => c.JobId);
            checkpoint.HasOne<FineTuningJobRecord>().WithMany().HasForeignKey(c => c.JobId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ReplicaRecord>(replica =>
        {
            replica.HasKey(r => r.Id);
            replica.Property(r => r.Id).HasMaxLength(256);
            replica.Property(r => r.ServingModel).HasMaxLength(256);
            replica.Property(r => r.FailedModel).HasMaxLength(256);
            replica.Property(r => r.FailedReason).HasMaxLength(2048);
        });
    }
}
