using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests.Hosting;

/// <summary>
/// The service with the shipped log levels (not the tests' Warning default) and a fresh data directory,
/// with a Serilog sink registered in DI (the host reads sinks from services) that keeps every event as
/// <c>SourceContext|Level|Message</c>.
/// </summary>
public sealed class LogCaptureFactory : SimCseFactory
{
    private readonly CapturingSink _sink = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"simcse-log-test-{Guid.NewGuid():N}");

    public IReadOnlyList<string> Lines => [.. _sink.Lines];

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("SimCse:DataDirectory", DataDirectory),
        new("SimCse:Model:Device", "cpu"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<ILogEventSink>(_sink);

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly MessageTemplateTextFormatter _format = new("{SourceContext:l}|{Level}|{Message:lj}", System.Globalization.CultureInfo.InvariantCulture);

        public ConcurrentQueue<string> Lines { get; } = new();

        public void Emit(LogEvent logEvent)
        {
            using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            _format.Format(logEvent, line);
            Lines.Enqueue(line.ToString());
        }
    }
}
