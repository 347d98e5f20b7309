using Streaming.DevBroker;

var builder = WebApplication.CreateBuilder(args);
builder.AddDevBroker(args);

var app = builder.Build();
app.MapDevBrokerEndpoints();
app.Run();
