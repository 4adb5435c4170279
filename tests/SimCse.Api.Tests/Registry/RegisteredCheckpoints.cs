using Microsoft.Extensions.DependencyInjection;
using SimCse.Api.Persistence;
using SimCse.Api.Registry;
using SimCse.Api.Tests.Jobs;

namespace SimCse.Api.Tests.Registry;

/// <summary>Registers a model the way the checkpoint registrar does; with weights, a copy of a packaged model's folder.</summary>
internal static class RegisteredCheckpoints
{
    public static Task<string> RegisterAsync(JobsHost host, string id, string baseModel, bool withWeights) =>
        RegisterAsync(host.Factory.Services, host.Factory.DataDirectory, id, baseModel, withWeights);

    public static async Task<string> RegisterAsync(IServiceProvider services, string root, string id, string baseModel, bool withWeights)
    {
        string folder = Path.Combine(root, "checkpoints", "registry-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (withWeights)
        {
            string source = Path.Combine(root, "models", baseModel);
            foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        else
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "config.json"), "{}");
        }
        ModelRegistry registry = services.GetRequiredService<ModelRegistry>();
        await registry.RegisterAsync(new ModelRecord { Id = id, Folder = folder, BaseModel = baseModel, CreatedAt = UnixTime.Now() }, CancellationToken.None);
        return folder;
    }
}
