using Streaming.ServiceDefaults;
using Streaming.TasteWorker;

if (args.Length > 0 && args[0] == DeadLetterRedrive.Verb)
{
    return await DeadLetterRedrive.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTasteWorker();

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
return 0;
