using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Obol.CdrServer;
using Obol.Config;
using Obol.Logging;

namespace Obol.Engine;

/// <summary>
/// <c>http.freeswitch_cdrs_url</c> (<c>/freeswitch_json</c>) on the HTTP listener while CDRs run: FreeSWITCH's
/// mod_json_cdr posts each call's JSON CDR there (CGRateS's cdrs fsCdrHandler).
/// </summary>
internal static class FreeSwitchCdrEndpoint
{
    /// <summary>The route to add to the HTTP listener; null when CDRs are off or the URL is empty.</summary>
    public static Action<IEndpointRouteBuilder>? Map(ObolConfig config, CdrService? cdrs, EngineLog log)
    {
        var path = config.Http.FreeswitchCdrsUrl;
        if (cdrs is null || path.Length == 0)
        {
            return null;
        }
        var receiver = new FreeSwitchCdrReceiver(cdrs, CdrExtraField.ParseAll(config.Cdrs.ExtraFields, log.Warning), SystemClock.Instance, log.Error);
        return endpoints => endpoints.MapPost(path, async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            var (outcome, error) = await receiver.ReceiveAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted)
                .ConfigureAwait(false);
            // CGRateS answers 200 whatever happened, so a CDR it could not process is lost. Here only a CDR taken (or
            // taken before: a retry) gets 200; otherwise mod_json_cdr retries and finally keeps the CDR in its err-log-dir.
            context.Response.StatusCode = outcome switch
            {
                FreeSwitchCdrOutcome.Processed or FreeSwitchCdrOutcome.Duplicate => StatusCodes.Status200OK,
                FreeSwitchCdrOutcome.Malformed => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            };
            if (error is not null)
            {
                await context.Response.WriteAsync(error, context.RequestAborted).ConfigureAwait(false);
            }
        });
    }
}
