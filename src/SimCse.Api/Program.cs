using SimCse.Api.Hosting;

WebApplication app = WebApplication.CreateBuilder(args).AddSimCse().Build();
app.UseSimCse();
app.MapSimCse();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
