using Microsoft.EntityFrameworkCore;

namespace SimCse.Api.Persistence;

/// <summary>Applies pending migrations before anything else starts, so every component sees the current schema.</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        SimCseDbContext database = scope.ServiceProvider.GetRequiredService<SimCseDbContext>();
        await database.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
