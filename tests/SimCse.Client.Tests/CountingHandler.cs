namespace SimCse.Client.Tests;

/// <summary>Counts the requests a client sends, and their statuses, so splitting can be checked.</summary>
public sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private int _requests;
    private int _tooLarge;

    public int Requests => _requests;

    public int TooLarge => _tooLarge;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.RequestEntityTooLarge)
        {
            Interlocked.Increment(ref _tooLarge);
        }
        return response;
    }
}
