using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SimCse.Client;

/// <summary>
/// Registers <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (as <see cref="SimCseEmbeddingGenerator"/>)
/// and <see cref="SimCseClient"/>, both over the named HttpClient <see cref="HttpClientName"/> from
/// <c>IHttpClientFactory</c> (configure handlers, resilience or timeouts on the returned builder).
/// </summary>
public static class SimCseServiceCollectionExtensions
{
    public const string HttpClientName = "SimCse";

    public static IHttpClientBuilder AddSimCseEmbeddingGenerator(this IServiceCollection services, Uri endpoint, string? apiKey = null, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return services.AddSimCseEmbeddingGenerator(options =>
        {
            options.Endpoint = endpoint;
            options.ApiKey = apiKey;
            options.ModelId = modelId;
        });
    }

    public static IHttpClientBuilder AddSimCseEmbeddingGenerator(this IServiceCollection services, Action<SimCseClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SimCseClientOptions();
        configure(options);
        if (options.Endpoint is null)
        {
            throw new ArgumentException("SimCseClientOptions.Endpoint is required.", nameof(configure));
        }
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => new SimCseEmbeddingGenerator(ClientsOf(provider), provider.GetRequiredService<SimCseClientOptions>()));
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(provider => provider.GetRequiredService<SimCseEmbeddingGenerator>());
        services.TryAddTransient(provider => new SimCseClient(ClientsOf(provider), provider.GetRequiredService<SimCseClientOptions>()));
        return services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromMinutes(5));
    }

    /// <summary>A factory client per request: the generator is a singleton, and the factory rotates handlers.</summary>
    private static Func<HttpClient> ClientsOf(IServiceProvider provider)
    {
        IHttpClientFactory factory = provider.GetRequiredService<IHttpClientFactory>();
        return () => factory.CreateClient(HttpClientName);
    }
}
