namespace SimCse.Api.Tests.Jobs;

/// <summary>One started service shared by the fine-tuning and file tests (the model loads once; the training worker runs one job at a time anyway).</summary>
public sealed class JobsHost : IAsyncLifetime
{
    public JobsApiFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        await JobsApi.WaitReadyAsync(Client);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
