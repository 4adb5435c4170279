using SimCse.Api.Hosting;
using SimCse.Modeling.Runtime;

// First: the process re-executes itself on tcmalloc (see NativeAllocatorPreload); returns when it does not.
NativeAllocatorPreload.EnsurePreloaded(typeof(Program).Assembly);

WebApplication app = WebApplication.CreateBuilder(args).AddSimCse().Build();
app.UseSimCse();
app.MapSimCse();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
