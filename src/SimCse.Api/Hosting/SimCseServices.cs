using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using OpenTelemetry.Metrics;
using Serilog;
using Serilog.Formatting.Compact;
using Serilog.Settings.Configuration;
using SimCse.Api.Configuration;
using SimCse.Api.Errors;
using SimCse.Api.Evaluations;
using SimCse.Api.Files;
using SimCse.Api.Fleet;
using SimCse.Api.Jobs;
using SimCse.Api.OpenApi;
using SimCse.Api.Persistence;
using SimCse.Api.Registry;
using SimCse.Api.Security;
using SimCse.Api.Serving;
using SimCse.Core.Batching;
using SimCse.Core.Diagnostics;
using SimCse.Core.Runtime;

namespace SimCse.Api.Hosting;

/// <summary>Registers everything the service needs: options, the model runtime, serving, errors, OpenAPI, logging.</summary>
public static class SimCseServices
{
    public static WebApplicationBuilder AddSimCse(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AppSettingsBesideTheApp.Use(builder);
        IServiceCollection services = builder.Services;
        ConfigurationManager configuration = builder.Configuration;

        services.Configure<SimCseOptions>(configuration.GetSection(SimCseOptions.SectionName));
        services.Configure<ServingModelOptions>(configuration.GetSection(ServingModelOptions.SectionName));
        services.Configure<InferenceOptions>(configuration.GetSection(InferenceOptions.SectionName));
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.SectionName));
        builder.AddServerLimits();
        services.Configure<LoggingSwitches>(configuration.GetSection(LoggingSwitches.SectionName));
        services.Configure<FilesOptions>(configuration.GetSection(FilesOptions.SectionName));
        services.Configure<TrainingOptions>(configuration.GetSection(TrainingOptions.SectionName));
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.SectionName));
        services.Configure<FleetOptions>(configuration.GetSection(FleetOptions.SectionName));
        services.AddOptions<BatchingOptions>()
            .Bind(configuration.GetSection("SimCse:Batching"))
            .Configure(options =>
            {
                options.PreviousModelsToKeep = configuration.GetValue("SimCse:Serving:KeepPrevious", 1);
                options.Device = BatchingDeviceDefaults.For(configuration.GetValue<string>("SimCse:Model:Device"));
            })
            .Validate(options => options.Validate().Count == 0, "SimCse:Batching is invalid (see BatchingOptions.Validate).")
            .ValidateOnStart();

        services.AddSingleton<DataPaths>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ReplicaIdentity>();
        // The one place that picks SQLite or PostgreSQL (SimCse:Database:Provider).
        services.AddSingleton<IDbContextFactory<SimCseDbContext>>(provider => new SimCseDbContextFactory(
            provider.GetRequiredService<IOptions<DatabaseOptions>>(), provider.GetRequiredService<DataPaths>()));
        // Registered first: hosted services start in order, and everything after needs the schema.
        services.AddHostedService<DatabaseMigrator>();
        // Next, before the start-up model loads and any job runs: repair what a crash left (see JobRecovery).
        services.AddHostedService<JobRecovery>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ModelFactory>();
        services.AddSingleton<ModelActivator>();
        services.AddSingleton<ModelDeletion>();
        services.AddSingleton<StartupModelState>();
        services.AddSingleton<SimCseMetrics>();
        services.AddSingleton(CreateRuntime);
        services.AddSingleton<IStartupModelSource, ConfiguredModelSource>();
        services.AddSingleton(provider => new TokenizationGate(provider.GetRequiredService<IOptions<BatchingOptions>>().Value));
        services.AddSingleton<InferenceService>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ApiKeyRing>();
        services.AddHostedService<AnonymousBindingCheck>();
        services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>, OpenServiceHosts>();
        services.AddHostedService<ModelStartupService>();
        services.AddSingleton<FleetRegistry>();
        services.AddHostedService<ModelConvergenceService>();
        AddFineTuning(services);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SimCseMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddView("simcse.batch.size", new ExplicitBucketHistogramConfiguration { Boundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] })
            .AddView("simcse.batch.tokens", new ExplicitBucketHistogramConfiguration { Boundaries = [64, 256, 1024, 2048, 4096, 8192, 16384, 32768] })
            .AddView(instrument => instrument.Unit == "s" ? new ExplicitBucketHistogramConfiguration { Boundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] } : null)
            .AddPrometheusExporter());

        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        // Binding failures (malformed JSON, wrong types) become exceptions the problem handler maps to 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            RoutingProblemDetails.Describe(context);
            OpenAiCompatibleProblems.Apply(context);
        });
        // After AddProblemDetails: writers are tried in order, and this one accepts any Accept header.
        services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, FallbackProblemWriter>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetSection(InferenceOptions.SectionName).Get<InferenceOptions>()?.MaxRequestBodyBytes
                ?? new InferenceOptions().MaxRequestBodyBytes);

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "SimCseService",
                Version = "v1",
                Description = "Serves and fine-tunes SimCSE sentence embeddings. OpenAI-compatible /v1/embeddings behind a request-batching queue; every model-dependent response names its model in `model` and `X-Model-Version`. Errors are RFC 7807 problem+json.",
            });
            options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "API key (SimCse:Auth:ApiKeys / AdminApiKeys); not needed when no keys are configured.",
            });
            options.OperationFilter<RequestExampleFilter>();
            options.SchemaFilter<TextInputSchemaFilter>();
            options.SchemaFilter<HyperparametersSchemaFilter>();
        });

        // Deferred to the built provider's IConfiguration, not the builder's: configuration added later
        // (WebApplicationFactory's settings, tests' log sinks) must reach the log levels and sinks too.
        services.AddSerilog((provider, logger) =>
        {
            IConfiguration settings = provider.GetRequiredService<IConfiguration>();
            // Sink assemblies named explicitly: scanning the dependency context finds nothing under a
            // test host or a trimmed publish, and operators may add a file sink in Serilog:WriteTo.
            var readerOptions = new ConfigurationReaderOptions(typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(FileLoggerConfigurationExtensions).Assembly);
            // ReadFrom.Services: sinks registered in DI (ILogEventSink) receive every event too.
            logger.ReadFrom.Configuration(settings, readerOptions).ReadFrom.Services(provider).Enrich.FromLogContext();
            if (settings.GetSection(LoggingSwitches.SectionName).Get<LoggingSwitches>()?.Json == true)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }
        });
        return builder;
    }

    /// <summary>Files, jobs, evaluations, and the training worker (after the migrator: it reads jobs at start-up).</summary>
    private static void AddFineTuning(IServiceCollection services)
    {
        services.AddSingleton<FileStore>();
        services.AddSingleton<JobSignals>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobLog>();
        services.AddSingleton<CheckpointRegistrar>();
        services.AddSingleton<FineTuningJobService>();
        services.AddSingleton<EvaluationService>();
        services.AddSingleton<AutoActivation>();
        services.AddSingleton<JobPreparation>();
        services.AddSingleton<JobProgressRecorder>();
        services.AddSingleton<IJobTrainer, SimCseJobTrainer>();
        services.AddSingleton(provider => new ServingYieldPolicy(
            () => provider.GetRequiredService<SimCseMetrics>().QueuedInputs,
            provider.GetRequiredService<IOptions<TrainingOptions>>().Value.MaxYieldPerStep,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<JobOrchestrator>();
        services.AddSingleton<JobReport>();
        services.AddHostedService<TrainingWorker>();
    }

    private static ModelRuntime CreateRuntime(IServiceProvider services)
    {
        var metrics = services.GetRequiredService<SimCseMetrics>();
        var runtime = new ModelRuntime(
            services.GetRequiredService<IOptions<BatchingOptions>>().Value,
            metrics,
            services.GetRequiredService<ILogger<ModelRuntime>>());
        metrics.ObserveActiveModel(() => runtime.ActiveModelId);
        return runtime;
    }
}
