using System.Net.Http.Headers;
using SimCse.Client.Wire;

namespace SimCse.Client;

/// <summary>
/// Typed calls for the rest of SimCseService: similarity, models and activation, file upload, and
/// fine-tuning jobs (create, get, cancel, wait with progress). Embeddings go through
/// <see cref="SimCseEmbeddingGenerator"/>.
/// </summary>
public sealed class SimCseClient : IDisposable
{
    private readonly SimCseHttp _http;
    private readonly HttpClient? _ownedClient;
    private readonly SimCseClientOptions _options;

    /// <summary>A client with its own <see cref="HttpClient"/> (disposed with the client).</summary>
    public SimCseClient(Uri endpoint, string? apiKey = null, string? modelId = null)
        : this(new HttpClient { Timeout = TimeSpan.FromMinutes(5) }, new SimCseClientOptions { Endpoint = endpoint, ApiKey = apiKey, ModelId = modelId }, ownsClient: true)
    {
    }

    /// <summary>A client over a caller-owned <see cref="HttpClient"/> (e.g. from <c>IHttpClientFactory</c>).</summary>
    public SimCseClient(HttpClient httpClient, SimCseClientOptions options)
        : this(httpClient, options, ownsClient: false)
    {
    }

    /// <summary>For DI: a client from <c>IHttpClientFactory</c> per request.</summary>
    internal SimCseClient(Func<HttpClient> clients, SimCseClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = new SimCseHttp(clients, options);
        _options = options;
    }

    private SimCseClient(HttpClient httpClient, SimCseClientOptions options, bool ownsClient)
        : this(Fixed(httpClient), options)
    {
        _ownedClient = ownsClient ? httpClient : null;
    }

    private static Func<HttpClient> Fixed(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    /// <summary>Cosine similarity of <paramref name="source"/> with each candidate, in candidate order.</summary>
    public Task<SimilarityResult> SimilarityAsync(string source, IReadOnlyList<string> candidates, string? modelId = null, CancellationToken cancellationToken = default) =>
        _http.PostJsonAsync<SimilarityResult>("v1/similarity", new SimilarityRequest(source, candidates, null, modelId ?? _options.ModelId), cancellationToken);

    /// <summary>Cosine similarity of each pair, in pair order.</summary>
    public Task<SimilarityResult> PairSimilarityAsync(IReadOnlyList<(string First, string Second)> pairs, string? modelId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        IReadOnlyList<string>[] wire = [.. pairs.Select(pair => (IReadOnlyList<string>)[pair.First, pair.Second])];
        return _http.PostJsonAsync<SimilarityResult>("v1/similarity", new SimilarityRequest(null, null, wire, modelId ?? _options.ModelId), cancellationToken);
    }

    public async Task<IReadOnlyList<SimCseModel>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        (await _http.GetAsync<ModelList>("v1/models", cancellationToken).ConfigureAwait(false)).Data;

    public Task<SimCseModel> GetModelAsync(string modelId, CancellationToken cancellationToken = default) =>
        _http.GetAsync<SimCseModel>($"v1/models/{Uri.EscapeDataString(modelId)}", cancellationToken);

    /// <summary>Hot-swaps the serving model; returns once requests are served by it (admin key).</summary>
    public Task<SimCseModel> ActivateModelAsync(string modelId, CancellationToken cancellationToken = default) =>
        _http.PostJsonAsync<SimCseModel>($"v1/models/{Uri.EscapeDataString(modelId)}/activate", null, cancellationToken);

    /// <summary>Uploads training or evaluation data (admin key); <paramref name="purpose"/> is <see cref="SimCseFile.FineTunePurpose"/> or <see cref="SimCseFile.EvaluationPurpose"/>.</summary>
    public async Task<SimCseFile> UploadFileAsync(Stream content, string fileName, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(purpose), "purpose");
        return await _http.SendAsync<SimCseFile>(HttpMethod.Post, "v1/files", form, cancellationToken).ConfigureAwait(false);
    }

    public Task<FineTuningJob> CreateFineTuningJobAsync(FineTuningJobRequest request, CancellationToken cancellationToken = default) =>
        _http.PostJsonAsync<FineTuningJob>("v1/fine_tuning/jobs", request, cancellationToken);

    public Task<FineTuningJob> GetFineTuningJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        _http.GetAsync<FineTuningJob>($"v1/fine_tuning/jobs/{Uri.EscapeDataString(jobId)}", cancellationToken);

    public Task<FineTuningJob> CancelFineTuningJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        _http.PostJsonAsync<FineTuningJob>($"v1/fine_tuning/jobs/{Uri.EscapeDataString(jobId)}/cancel", null, cancellationToken);

    /// <summary>
    /// Polls the job every <see cref="SimCseClientOptions.PollInterval"/> until it succeeds, fails or is
    /// cancelled, reporting it to <paramref name="progress"/> whenever its status or step changes. Returns the
    /// finished job (check <see cref="FineTuningJob.Status"/>); cancel <paramref name="cancellationToken"/> to stop waiting.
    /// </summary>
    public async Task<FineTuningJob> WaitForFineTuningJobAsync(string jobId, IProgress<FineTuningJob>? progress = null, CancellationToken cancellationToken = default)
    {
        (string Status, int Step)? last = null;
        while (true)
        {
            FineTuningJob job = await GetFineTuningJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            (string, int) now = (job.Status, job.Progress?.Step ?? 0);
            if (last != now)
            {
                progress?.Report(job);
                last = now;
            }
            if (job.IsFinished)
            {
                return job;
            }
            await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _ownedClient?.Dispose();
}
