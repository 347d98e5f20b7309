using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Streaming.Security;

/// <summary>The answer of a limit (429 per client, 503 over capacity): status, <c>Retry-After</c> and problem details.</summary>
internal static class RetryAfterProblem
{
    public static async Task WriteAsync(HttpContext context, int status, int retryAfterSeconds, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (context.RequestServices.GetService<IProblemDetailsService>() is { } problems)
        {
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
            }).ConfigureAwait(false);
        }
    }
}
