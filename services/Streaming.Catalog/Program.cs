using Streaming.Catalog;
using Streaming.Catalog.Cli;
using Streaming.ServiceDefaults;

if (CatalogCli.IsCommand(args))
{
    return await CatalogCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCatalogApi();

var app = builder.Build();
app.UseCatalogApi();
app.MapCatalogApi();
app.MapDefaultEndpoints();
await app.RunAsync();
return 0;

/// <summary>Entry point type for WebApplicationFactory in tests.</summary>
public partial class Program;
