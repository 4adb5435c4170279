using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SimCse.Api.Persistence;

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresSimCseDbContext --output-dir Persistence/Migrations/Postgres</c> build the context (no server is contacted).</summary>
public sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresSimCseDbContext>
{
    public PostgresSimCseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSimCseDbContext>().UseNpgsql("Host=localhost;Database=simcse_design_time").Options);
}
