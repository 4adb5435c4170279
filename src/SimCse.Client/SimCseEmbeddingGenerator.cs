using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using SimCse.Client.Wire;

namespace SimCse.Client;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over SimCseService's <c>/v1/embeddings</c>: asks for
/// base64 vectors, honours <see cref="EmbeddingGenerationOptions.ModelId"/> and
/// <see cref="EmbeddingGenerationOptions.Dimensions"/>, stamps each embedding with the id of the model that
/// computed it, reports token usage, and splits calls above the service's batch limit into several requests.
/// </summary>
public sealed partial class SimCseEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly SimCseHttp _http;
    private readonly HttpClient? _ownedClient;
    private readonly SimCseClientOptions _options;
    private int _maxBatchSize;

    /// <summary>A generator with its own <see cref="HttpClient"/> (disposed with the generator).</summary>
    /// <param name="endpoint">The service root, e.g. <c>http://localhost:8080/</c>.</param>
    /// <param name="apiKey">Bearer key, when the service has keys.</param>
    /// <param name="modelId">Model to embed with; null = the service's active model.</param>
    public SimCseEmbeddingGenerator(Uri endpoint, string? apiKey = null, string? modelId = null)
        : this(new HttpClient { Timeout = TimeSpan.FromMinutes(5) }, new SimCseClientOptions { Endpoint = endpoint, ApiKey = apiKey, ModelId = modelId }, ownsClient: true)
    {
    }

    /// <summary>A generator over a caller-owned <see cref="HttpClient"/> (e.g. from <c>IHttpClientFactory</c>).</summary>
    public SimCseEmbeddingGenerator(HttpClient httpClient, SimCseClientOptions options)
        : this(httpClient, options, ownsClient: false)
    {
    }

    /// <summary>For DI: a client from <c>IHttpClientFactory</c> per request.</summary>
    internal SimCseEmbeddingGenerator(Func<HttpClient> clients, SimCseClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        _http = new SimCseHttp(clients, options);
        _options = options;
        _maxBatchSize = options.MaxBatchSize;
        Metadata = new EmbeddingGeneratorMetadata("SimCseService", _http.Root, options.ModelId);
    }

    private SimCseEmbeddingGenerator(HttpClient httpClient, SimCseClientOptions options, bool ownsClient)
        : this(Fixed(httpClient), options)
    {
        _ownedClient = ownsClient ? httpClient : null;
    }

    private static Func<HttpClient> Fixed(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>The inputs per request this generator uses now (lowered when the service says its limit is smaller).</summary>
    public int MaxBatchSize => Volatile.Read(ref _maxBatchSize);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        List<string> inputs = [.. values];
        string? model = options?.ModelId ?? _options.ModelId;
        var result = new List<Embedding<float>>(inputs.Count);
        long promptTokens = 0, totalTokens = 0;
        int start = 0;
        while (start < inputs.Count)
        {
            int count = Math.Min(MaxBatchSize, inputs.Count - start);
            EmbeddingsResponse response;
            try
            {
                response = await _http.PostJsonAsync<EmbeddingsResponse>(
                    "v1/embeddings", new EmbeddingsRequest(inputs.GetRange(start, count), model, options?.Dimensions), cancellationToken).ConfigureAwait(false);
            }
            catch (SimCseApiException tooLarge) when (SimCseHttp.IsBatchTooLarge(tooLarge) && LearnedSmallerLimit(tooLarge, count))
            {
                continue;
            }
            DateTimeOffset created = DateTimeOffset.UtcNow;
            foreach (EmbeddingItem item in response.Data.OrderBy(item => item.Index))
            {
                result.Add(new Embedding<float>(Decode(item.Embedding)) { ModelId = response.Model, CreatedAt = created });
            }
            if (response.Data.Count != count)
            {
                throw new SimCseApiException($"The service returned {response.Data.Count} vectors for {count} inputs.");
            }
            promptTokens += response.Usage?.PromptTokens ?? 0;
            totalTokens += response.Usage?.TotalTokens ?? 0;
            start += count;
        }
        return new GeneratedEmbeddings<Embedding<float>>(result)
        {
            Usage = new UsageDetails { InputTokenCount = promptTokens, TotalTokenCount = totalTokens },
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }
        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return Metadata;
        }
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => _ownedClient?.Dispose();

    /// <summary>Decodes OpenAI's base64 vector: little-endian float32.</summary>
    internal static float[] Decode(string base64)
    {
        byte[] bytes = Convert.FromBase64String(base64);
        var vector = new float[bytes.Length / sizeof(float)];
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }
        return vector;
    }

    /// <summary>The service's 413 says "at most N are allowed per request": remember N when it is below what was sent.</summary>
    private bool LearnedSmallerLimit(SimCseApiException tooLarge, int sent)
    {
        Match limit = AtMost().Match(tooLarge.Detail ?? "");
        if (!limit.Success || !int.TryParse(limit.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture, out int allowed) || allowed < 1 || allowed >= sent)
        {
            return false;
        }
        Volatile.Write(ref _maxBatchSize, allowed);
        return true;
    }

    [GeneratedRegex(@"at most (?<n>\d+) (?:are allowed|inputs)")]
    private static partial Regex AtMost();
}
