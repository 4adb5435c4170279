using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SimCse.Api.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the web host (which would load a model).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SimCseDbContext>
{
    public SimCseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SimCseDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
