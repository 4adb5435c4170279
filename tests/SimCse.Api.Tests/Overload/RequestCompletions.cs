using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SimCse.Api.Tests.Overload;

/// <summary>
/// Outermost middleware that reports each request's final status once the server has finished with it,
/// so a test can wait for the server to notice a client disconnect instead of sleeping.
/// </summary>
public sealed class RequestCompletions : IStartupFilter
{
    private readonly Channel<(string Path, int Status)> _completed = Channel.CreateUnbounded<(string, int)>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            try
            {
                await following(context);
            }
            finally
            {
                _completed.Writer.TryWrite((context.Request.Path.Value ?? string.Empty, context.Response.StatusCode));
            }
        });
        next(app);
    };

    /// <summary>Waits for the next completed request on <paramref name="path"/> with <paramref name="status"/>.</summary>
    public async Task WaitForAsync(string path, int status, CancellationToken cancellationToken)
    {
        await foreach ((string completedPath, int completedStatus) in _completed.Reader.ReadAllAsync(cancellationToken))
        {
            if (completedPath == path && completedStatus == status)
            {
                return;
            }
        }
    }
}
