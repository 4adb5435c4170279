using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SimCse.Client;

/// <summary>
/// The HTTP plumbing both clients share: the service root, the bearer key on each request (never on a
/// factory's shared HttpClient), snake_case JSON, and problem+json bodies turned into <see cref="SimCseApiException"/>.
/// </summary>
internal sealed class SimCseHttp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Func<HttpClient> _clients;
    private readonly string? _apiKey;

    /// <param name="clients">
    /// Gives the HttpClient for each request: one fixed client, or <c>IHttpClientFactory.CreateClient</c>
    /// so a long-lived generator still gets the factory's handler rotation.
    /// </param>
    /// <param name="options">Endpoint (else the first client's BaseAddress) and key.</param>
    public SimCseHttp(Func<HttpClient> clients, SimCseClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _apiKey = options.ApiKey;
        Root = ServiceRoot(options.Endpoint ?? clients().BaseAddress
            ?? throw new ArgumentException("SimCseClientOptions.Endpoint (or the HttpClient's BaseAddress) is required.", nameof(options)));
    }

    public Uri Root { get; }

    /// <summary>Normalises <c>http://host:8080</c>, <c>http://host:8080/</c> and <c>http://host:8080/v1</c> to the service root.</summary>
    public static Uri ServiceRoot(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"The endpoint must be an absolute URI, not '{endpoint}'.", nameof(endpoint));
        }
        string text = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (text.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^3];
        }
        return new Uri(text + "/");
    }

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<T> PostJsonAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: Json), cancellationToken);

    public async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Root, path)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        if (!string.IsNullOrEmpty(_apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }
        using HttpResponseMessage response = await _clients().SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new SimCseApiException($"{method} {path} returned an empty body.");
    }

    private static async Task<SimCseApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? title = null, detail = null, code = null, param = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            title = Text(root, "title");
            detail = Text(root, "detail");
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out JsonElement error))
            {
                detail ??= Text(error, "message");
                code = Text(error, "code");
                param = Text(error, "param");
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): keep the raw text, shortened.
            detail = body.Length > 300 ? body[..300] : body;
        }
        return new SimCseApiException(response.StatusCode, title, string.IsNullOrWhiteSpace(detail) ? null : detail, code, param);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static bool IsBatchTooLarge(SimCseApiException error) => error.StatusCode == HttpStatusCode.RequestEntityTooLarge;
}
