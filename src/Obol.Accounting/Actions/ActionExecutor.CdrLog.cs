using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Obol.Primitives;

namespace Obol.Accounting;

/// <summary><c>*cdrlog</c>: one CDR per balance action of the list (CGRateS parity: engine/action.go cdrLogAction).</summary>
public sealed partial class ActionExecutor
{
    private static readonly HashSet<string> s_cdrLoggedTypes = new(StringComparer.Ordinal)
    {
        ActionTypes.Debit, ActionTypes.DebitReset, ActionTypes.TopUp, ActionTypes.TopUpReset, ActionTypes.SetBalance,
        ActionTypes.RemoveBalance, ActionTypes.RemoveExpired, ActionTypes.TransferBalance,
    };

    /// <summary>
    /// Every <c>*topup</c>, <c>*debit</c>, <c>*set_balance</c>... of the list (run or not) becomes a CDR built from a
    /// field template: the defaults below, overridden or extended by ExtraParameters (<c>{"Field":"~*acnt.BalanceID"}</c>,
    /// paths under <c>*acnt</c> and <c>*act</c>, anything else a constant). A removal logs one CDR per removed balance.
    /// </summary>
    private string? CdrLog(ActionRun run, AccountAction action)
    {
        var template = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ToR"] = "~*acnt.BalanceType",
            ["OriginHost"] = "127.0.0.1",
            ["RequestType"] = Meta.None,
            ["Tenant"] = "~*acnt.Tenant",
            ["Account"] = "~*acnt.Account",
            ["Subject"] = "~*acnt.Account",
            ["Cost"] = "~*act.ActionValue",
        };
        if (action.ExtraParameters.Length != 0 && ReadTemplate(action.ExtraParameters, template) is { } templateError)
        {
            return templateError;
        }
        var cdrs = new List<ActionCdr>();
        for (var i = 0; i < run.Actions.Count; i++)
        {
            var logged = run.Actions[i];
            if (!s_cdrLoggedTypes.Contains(logged.ActionType))
            {
                continue;
            }
            var originId = _newUuid();
            var cdr = new ActionCdr
            {
                RunID = logged.ActionType,
                Source = ActionTypes.CdrLog,
                SetupTime = run.Now,
                AnswerTime = run.Now,
                OriginID = originId,
                // CGRateS hashes before the template sets OriginHost.
                CGRID = Sha1(originId),
                PreRated = true,
                Usage = new Usage(1),
            };
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (field, rule) in template)
            {
                cdr = WithField(cdr, field, Expand(rule, run, i, logged), extra);
            }
            cdr = cdr with { ExtraFields = extra };
            if (logged.ActionType is ActionTypes.RemoveBalance or ActionTypes.RemoveExpired)
            {
                if (!run.Removed.TryGetValue(i, out var removed) || removed.Count == 0)
                {
                    return ErrorCodes.NotFound;
                }
                foreach (var (type, balance) in removed)
                {
                    var id = _newUuid();
                    cdrs.Add(cdr with
                    {
                        Cost = balance.Value,
                        OriginID = id,
                        CGRID = Sha1(id + cdr.OriginHost),
                        ToR = type,
                        ExtraFields = new Dictionary<string, string>(extra, StringComparer.Ordinal) { ["BalanceID"] = balance.ID },
                    });
                }
                continue;
            }
            cdrs.Add(cdr);
        }
        return Attempt(() => _effects.WriteCdrs(cdrs));
    }

    // RSR rules joined by ';' are concatenated; "~path" reads the provider, anything else is a constant.
    private string Expand(string rules, ActionRun run, int index, AccountAction logged)
    {
        var text = new StringBuilder();
        foreach (var rule in rules.Split(';'))
        {
            if (!rule.StartsWith('~'))
            {
                text.Append(rule);
                continue;
            }
            var path = rule[1..].Split('.');
            text.Append(path.Length == 2 ? Provide(path[0], path[1], run, index, logged) : path[0]);
        }
        return text.ToString();
    }

    /// <summary>CGRateS parity: cdrLogProvider.FieldAsInterface.</summary>
    private string Provide(string scope, string field, ActionRun run, int index, AccountAction logged)
    {
        var account = run.Account;
        var filter = logged.Balance;
        return (scope, field) switch
        {
            ("*acnt", "AccountID") => account.Id,
            ("*acnt", "Tenant") => account.Tenant,
            ("*acnt", "Account") => account.AccountId,
            ("*acnt", "BalanceType") => filter.TypeOrEmpty,
            ("*acnt", "BalanceUUID") => filter.Uuid ?? "",
            ("*acnt", "BalanceID") => filter.ID ?? "",
            ("*acnt", "BalanceValue") => AccountJson.FormatPlain(run.BalanceValues.GetValueOrDefault(index)),
            ("*acnt", "DestinationIDs") => Keys(filter.DestinationIDs),
            ("*acnt", "ExtraParameters") => logged.ExtraParameters,
            ("*acnt", "RatingSubject") => filter.RatingSubject ?? "",
            ("*acnt", "Category") => Keys(filter.Categories),
            ("*acnt", "SharedGroups") => Keys(filter.SharedGroups),
            ("*acnt", "Factors") => filter.Factors is { } f ? JsonSerializer.Serialize(f) : "",
            ("*act", "ActionID") => logged.Id,
            ("*act", "ActionType") => logged.ActionType,
            ("*act", "ActionValue") => AccountJson.FormatPlain(ValueOf(logged, run)),
            _ => "",
        };
    }

    private decimal ValueOf(AccountAction action, ActionRun run) =>
        action.ValueFormula is { } formula ? formula.Evaluate(run.Now.InZone(_zone).Date) : action.Balance.Value ?? 0m;

    // CGRateS parity: StringMap.String joins the ids, exclusions included, without their '!'.
    private static string Keys(StringMap? map) => map is null ? "" : string.Join(';', map.Keys.Order(StringComparer.Ordinal));

    /// <summary>Sets a CDR field by name, as CGRateS does by reflection: numbers that do not parse and fields of other
    /// kinds (times, flags) are left alone, unknown names become extra fields.</summary>
    private static ActionCdr WithField(ActionCdr cdr, string field, string value, Dictionary<string, string> extra)
    {
        switch (field)
        {
            case "CGRID": return cdr with { CGRID = value };
            case "RunID": return cdr with { RunID = value };
            case "OriginHost": return cdr with { OriginHost = value };
            case "Source": return cdr with { Source = value };
            case "OriginID": return cdr with { OriginID = value };
            case "ToR": return cdr with { ToR = value };
            case "RequestType": return cdr with { RequestType = value };
            case "Tenant": return cdr with { Tenant = value };
            case "Category": return cdr with { Category = value };
            case "Account": return cdr with { Account = value };
            case "Subject": return cdr with { Subject = value };
            case "Destination": return cdr with { Destination = value };
            case "ExtraInfo": return cdr with { ExtraInfo = value };
            case "CostSource": return cdr with { CostSource = value };
            case "Cost":
                return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var cost) ? cdr with { Cost = cost } : cdr;
            case "OrderID":
                return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var order) ? cdr with { OrderID = order } : cdr;
            case "Usage":
                return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ns) ? cdr with { Usage = new Usage(ns) } : cdr;
            case "SetupTime" or "AnswerTime" or "ExtraFields" or "Partial" or "PreRated" or "CostDetails":
                return cdr;
            default:
                extra[field] = value;
                return cdr;
        }
    }

    // ExtraParameters as a JSON object of strings (Go map[string]string), merged over the default template.
    private static string? ReadTemplate(string json, Dictionary<string, string> template)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return $"json: cannot unmarshal {document.RootElement.ValueKind.ToString().ToLowerInvariant()} into Go value of type map[string]string";
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return $"json: cannot unmarshal {property.Value.ValueKind.ToString().ToLowerInvariant()} into Go value of type string";
                }
                template[property.Name] = property.Value.GetString()!;
            }
            return null;
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }

    // CGRateS parity: utils.Sha1 — lower-case hex of the SHA-1 of the concatenated parts. An identifier, not a secret.
#pragma warning disable CA5350
    private static string Sha1(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350
}
