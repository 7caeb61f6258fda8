using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Obol.Api;
using Obol.GoJson;
using Obol.Primitives;
using Obol.Rating;

namespace Obol.CdrServer;

public sealed partial class CdrService
{
    /// <summary>
    /// CDRsV2.StoreSessionCost (V2StoreSessionCost): the posted EventCost rounded (<see cref="SessionCostRounding"/>),
    /// the corrections applied to the balances that paid (Responder.RefundRounding) and the AccountSummary updated to the
    /// account they left, then stored as CDRsV1.StoreSessionCost stores it. Null, or the store's error (<c>EXISTS</c>).
    /// </summary>
    /// <remarks>
    /// The corrections are applied only for a run without a stored cost, under the run's lock: a retried post, with or
    /// without CheckDuplicate, does not charge them again. CGRateS applies them before its duplicate check.
    /// </remarks>
    public async Task<string?> StoreRoundedSessionCostAsync(PostedSessionCost cost, JsonObject eventCost, bool checkDuplicate,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(eventCost);
        if (_options.SessionCosts is not { } costs)
        {
            return "no session costs store";
        }
        var held = await _locks.AcquireAsync(["*session_costs:" + cost.CgrId + ":" + cost.RunId], cancellationToken).ConfigureAwait(false);
        await using (held.ConfigureAwait(false))
        {
            var known = await costs.GetSessionCostAsync(cost.CgrId, cost.RunId, cancellationToken).ConfigureAwait(false) is not null;
            if (known && checkDuplicate)
            {
                return ErrorCodes.Exists;
            }
            AccountSummary? earlier;
            try
            {
                earlier = eventCost["AccountSummary"] is JsonObject summary ? summary.Deserialize<AccountSummary>(GoJsonOptions.Default) : null;
            }
            catch (JsonException e)
            {
                return "CostDetails.AccountSummary: " + e.Message;
            }
            var corrections = SessionCostRounding.Round(eventCost, _options.RoundingDecimals);
            if (corrections.Count > 0 && !known)
            {
                await ApplyRoundingAsync(corrections, earlier, eventCost, cancellationToken).ConfigureAwait(false);
            }
            return await costs.StoreCostAsync(cost with { CostDetails = eventCost.ToJsonString() }, checkDuplicate, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task ApplyRoundingAsync(List<Increment> corrections, AccountSummary? earlier, JsonObject eventCost, CancellationToken cancellationToken)
    {
        if (rals is null)
        {
            warn("<CDRs> RefundRounding for a session cost: no RALs to apply it");
            return;
        }
        var accountKey = earlier is null ? "" : earlier.Tenant + ":" + earlier.AccountID;
        AccountSummary? settled = null;
        await rals.Accounts.SettleAsync([], corrections, Meta.Monetary, default, accountKey, after =>
        {
            settled = after;
            return [];
        }, cancellationToken).ConfigureAwait(false);
        if (settled is not null)
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            EventCostJson.WriteSummaryUtf8(settled.WithInitialValuesOf(earlier), buffer);
            eventCost["AccountSummary"] = JsonNode.Parse(buffer.WrittenSpan);
        }
    }
}
