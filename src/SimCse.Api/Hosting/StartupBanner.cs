using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SimCse.Modeling.Runtime;

namespace SimCse.Api.Hosting;

/// <summary>
/// Once Kestrel listens, logs one line per address with the URLs people open: the API root, Swagger UI and
/// the dashboard. Wildcard hosts (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) are shown as
/// <c>localhost</c>, which is where a browser on the same machine reaches them. Then one line with the native
/// runtime choices that move throughput (the allocator, OpenMP's wait policy), so a slow replica shows why.
/// </summary>
public static partial class StartupBanner
{
    public static void LogUrlsWhenStarted(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            ICollection<string> addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (string address in addresses)
            {
                string root = Browsable(address).TrimEnd('/');
                LogUrls(app.Logger, root + "/v1", root + "/swagger", root + "/ui");
            }
            LogNativeRuntime(app.Logger, NativeAllocatorPreload.Description, OpenMpWaitPolicy.Current ?? "(unset: libgomp spins)");
        });
    }

    public static string Browsable(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out Uri? uri))
        {
            return address;
        }
        bool wildcard = uri.Host is "0.0.0.0" or "[::]" or "::";
        return wildcard ? new UriBuilder(uri) { Host = "localhost" }.Uri.ToString() : uri.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening: API {ApiUrl}, Swagger UI {SwaggerUrl}, dashboard {DashboardUrl}")]
    private static partial void LogUrls(ILogger logger, string apiUrl, string swaggerUrl, string dashboardUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Native runtime: allocator {Allocator}, OMP_WAIT_POLICY={WaitPolicy}")]
    private static partial void LogNativeRuntime(ILogger logger, string allocator, string waitPolicy);
}
