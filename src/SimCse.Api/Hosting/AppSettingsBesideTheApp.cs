using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace SimCse.Api.Hosting;

/// <summary>
/// The content root is the working directory, so <c>dotnet /app/SimCse.Api.dll</c> started from anywhere
/// else would run without the shipped appsettings.json (log levels, limits, the default model). When the
/// content root has none, the copy beside the app's binaries is read instead, at the same precedence
/// (below environment variables and the command line).
/// </summary>
public static class AppSettingsBesideTheApp
{
    private const string FileName = "appsettings.json";

    public static void Use(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string beside = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, FileName)) || !File.Exists(Path.Combine(beside, FileName)))
        {
            return;
        }
        IList<IConfigurationSource> sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        int position = 0;
        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: FileName })
            {
                position = i + 1;
            }
        }
        sources.Insert(position, new JsonConfigurationSource { Path = FileName, Optional = true, FileProvider = new PhysicalFileProvider(beside) });
    }
}
