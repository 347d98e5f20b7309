using Streaming.Recommender;
using Streaming.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRecommender();

var app = builder.Build();
app.UseRecommender();
app.MapRecommenderEndpoints();
app.MapDefaultEndpoints();
app.Run();
