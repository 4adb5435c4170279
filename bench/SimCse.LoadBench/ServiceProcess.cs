using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SimCse.Modeling.Runtime;

namespace SimCse.LoadBench;

/// <summary>The service as a child process on a free loopback port, with its memory read from /proc.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServiceProcess(Process process, Uri url, StreamWriter log)
    {
        _process = process;
        Url = url;
        _log = log;
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    public static async Task<ServiceProcess> StartAsync(string apiDll, string dataDirectory, IEnumerable<string> extraArgs, string logPath, string? gcServer = null)
    {
        if (!File.Exists(apiDll))
        {
            throw new FileNotFoundException("Build the service first: dotnet build -c Release src/SimCse.Api", apiDll);
        }
        int port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            // appsettings.json sits beside the dll; the content root is the working directory.
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --service-gc-server 0|1 sets the GC mode of the service alone, so the client's own GC stays as it is.
        if (gcServer is not null)
        {
            start.Environment["DOTNET_gcServer"] = gcServer;
        }
        foreach (string arg in new[] { apiDll, "--urls", $"http://127.0.0.1:{port}", $"--SimCse:DataDirectory={dataDirectory}", "--Serilog:MinimumLevel:Default=Warning" }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, url, log);
        await service.WaitUntilReadyAsync();
        return service;
    }

    /// <summary>Which malloc the service runs on (it re-executes itself on tcmalloc unless told not to).</summary>
    public string Allocator => NativeAllocatorPreload.Describe(NativeAllocatorPreload.IsLoadedInProcess(Pid));

    /// <summary>VmHWM (peak resident set) and VmRSS of the service, in MiB, from /proc/PID/status.</summary>
    public (double PeakMiB, double CurrentMiB) Memory()
    {
        double peak = 0, current = 0;
        foreach (string line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = Kilobytes(line) / 1024.0;
            }
        }
        return (peak, current);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
        DateTime deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode}; see its log.");
            }
            try
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The service did not become ready within 5 minutes.");
    }

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
