using Microsoft.EntityFrameworkCore;

namespace SimCse.Api.Persistence;

/// <summary>The same model as <see cref="SimCseDbContext"/> on PostgreSQL; exists so EF Core keeps its migrations apart (<c>Migrations/Postgres/</c>).</summary>
public sealed class PostgresSimCseDbContext(DbContextOptions<PostgresSimCseDbContext> options) : SimCseDbContext(options);
