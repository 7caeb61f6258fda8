namespace Obol.Accounting;

/// <summary>The actions that only tell the outside world: logs, HTTP posts, account publishing, session commands.</summary>
public sealed partial class ActionExecutor
{
    private string? LogAccount(ActionRun run, AccountAction action)
    {
        _effects.LogAccount(run.Account, AccountJson.Write(run.Account));
        return null;
    }

    /// <summary>CGRateS parity: callURL — posts the account JSON to the ExtraParameters URL and waits, as CGRateS does
    /// while it holds the account lock; a failed post fails the action.</summary>
    private string? HttpPost(ActionRun run, AccountAction action)
    {
        try
        {
            _effects.PostAsync(action.ExtraParameters, AccountJson.Write(run.Account)).GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e.Message;
        }
    }

    /// <summary>CGRateS parity: callURLAsync — posts without waiting; a failure is only logged.</summary>
    private string? HttpPostAsync(ActionRun run, AccountAction action)
    {
        var url = action.ExtraParameters;
        Task post;
        try
        {
            post = _effects.PostAsync(url, AccountJson.Write(run.Account));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _effects.Log(ActionLogLevel.Warning, $"{ActionTypes.HttpPostAsync} to {url} failed: {e.Message}");
            return null;
        }
        _ = post.ContinueWith(t => _effects.Log(ActionLogLevel.Warning, $"{ActionTypes.HttpPostAsync} to {url} failed: {t.Exception?.GetBaseException().Message}"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return null;
    }

    private string? PublishAccount(ActionRun run, AccountAction action) => Attempt(() => _effects.PublishAccount(run.Account));

    /// <summary>CGRateS parity: alterSessionsAction / forceDisconnectSessionsAction — ExtraParameters is
    /// <c>tenant;filters;limit;apiopts;event</c>, filters joined by <c>&amp;</c>, the last two <c>key:value&amp;…</c>.</summary>
    private static string? SessionsCommand(AccountAction action, Action<SessionsRequest> send)
    {
        var parts = action.ExtraParameters.Split(';');
        if (parts.Length != 5)
        {
            return $"invalid number of parameters <{parts.Length}> expected 5";
        }
        // CGRateS parity: a limit that is not a number is 0.
        _ = int.TryParse(parts[2], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var limit);
        var (opts, optsError) = ReadPairs(parts[3]);
        if (optsError is not null)
        {
            return optsError;
        }
        var (fields, fieldsError) = ReadPairs(parts[4]);
        if (fieldsError is not null)
        {
            return fieldsError;
        }
        return Attempt(() => send(new SessionsRequest(parts[0], parts[1].Split('&'), limit, opts, fields)));
    }

    // CGRateS parity: parseParamStringToMap — split at the first ':' only; an empty text is one invalid pair.
    private static (Dictionary<string, string> Pairs, string? Error) ReadPairs(string text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tuple in text.Split('&'))
        {
            var colon = tuple.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return (pairs, $"invalid key-value pair: {tuple}");
            }
            pairs[tuple[..colon]] = tuple[(colon + 1)..];
        }
        return (pairs, null);
    }

    private static string? Attempt(Action effect)
    {
        try
        {
            effect();
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e.Message;
        }
    }
}
