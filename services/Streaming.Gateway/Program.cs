using Streaming.Gateway;
using Streaming.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
app.UseGateway();
app.MapGatewayEndpoints();
app.MapDefaultEndpoints();
app.Run();
