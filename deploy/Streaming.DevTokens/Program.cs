using System.Globalization;
using Microsoft.Extensions.Configuration;
using Streaming.Security;

// Mints a bearer token for local runs and scripts:
//   dotnet run --project deploy/Streaming.DevTokens -- --user alice [--hours 1]
//   dotnet run --project deploy/Streaming.DevTokens -- --service replay [--hours 12]
// The key comes from Auth__SigningKey (or --Auth:SigningKey=...), else the development key the dev stack uses.
var config = new ConfigurationBuilder()
    .AddEnvironmentVariables()
    .AddCommandLine(args.Where(a => a.StartsWith("--Auth:", StringComparison.Ordinal)).ToArray())
    .Build();

string? user = null, service = null;
double? hours = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--user": user = value; i++; break;
        case "--service": service = value; i++; break;
        case "--hours": hours = double.Parse(value ?? "", CultureInfo.InvariantCulture); i++; break;
        case "-h" or "--help": return Usage(0);
        default:
            if (!args[i].StartsWith("--Auth:", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"unknown argument '{args[i]}'");
                return Usage(2);
            }
            break;
    }
}
if ((user is null) == (service is null))
{
    return Usage(2);
}

var options = new AuthOptions();
config.GetSection(AuthOptions.Section).Bind(options);
if (string.IsNullOrEmpty(options.SigningKey))
{
    options.SigningKey = AuthOptions.DevelopmentSigningKey;
    Console.Error.WriteLine("(Auth__SigningKey not set: using the development key)");
}

try
{
    var minter = new TokenMinter(options);
    var lifetime = hours is { } h ? TimeSpan.FromHours(h) : (TimeSpan?)null;
    Console.WriteLine(user is not null ? minter.CreateUserToken(user, lifetime) : minter.CreateServiceToken(service!, lifetime));
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

static int Usage(int code)
{
    Console.Error.WriteLine("usage: Streaming.DevTokens (--user USER_ID | --service NAME) [--hours H]");
    Console.Error.WriteLine("  signing key: env Auth__SigningKey, else the development key");
    return code;
}
