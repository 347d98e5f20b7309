using Streaming.DevBroker;
using Streaming.DevBroker.Control;
using Streaming.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDevBroker(args);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDevBrokerControlApi();
app.Run();
