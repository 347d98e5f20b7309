using Microsoft.Extensions.Logging.Console;
using Streaming.DevBroker.Control;
using Streaming.ServiceDefaults;

namespace Streaming.DevBroker;

public static class DevBrokerHostingExtensions
{
    public static WebApplicationBuilder AddDevBroker(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args, DevBrokerCommandLine.SwitchMappings.ToDictionary());

        // stdout carries only the READY line; all logs go to stderr.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.Services.AddOptions<DevBrokerOptions>()
            .BindConfiguration(DevBrokerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DevBrokerOptions.SectionName).Get<DevBrokerOptions>() ?? new();
        ConfigureControlUrl(builder, options);

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ControlJsonContext.Default));
        builder.Services.AddSingleton<DevBrokerRuntime>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DevBrokerRuntime>());
        builder.Services.AddHostedService<ReadyAnnouncer>();
        builder.Services.AddHostedService<ParentProcessWatcher>();
        builder.Services.AddHealthChecks().AddCheck<MockClusterHealthCheck>("mock-cluster", tags: [HealthTags.Ready]);
        return builder;
    }

    private static void ConfigureControlUrl(WebApplicationBuilder builder, DevBrokerOptions options)
    {
        var host = options.BindAddress is "0.0.0.0" or "*" or "+" ? "0.0.0.0" : options.BindAddress;
        if (options.ControlPort is { } port)
        {
            builder.WebHost.UseUrls($"http://{host}:{port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"])
                 && string.IsNullOrEmpty(builder.Configuration["http_ports"])
                 && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
        {
            // No ASP.NET url configured: pick a free port, announced on the READY line.
            builder.WebHost.UseUrls($"http://{host}:0");
        }
    }
}
