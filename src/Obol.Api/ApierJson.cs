using System.Buffers;
using System.Text.Json;
using Obol.Accounting;
using Obol.GoJson;

namespace Obol.Api;

/// <summary>Replies already written in CGRateS's exact JSON (accounts) passed through the dispatcher untouched.</summary>
internal static class ApierJson
{
    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    /// <summary>engine.Account, escaped as Go escapes.</summary>
    public static RawJson Account(Account account)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        AccountJson.WriteUtf8(account, buffer, GoJsonEncoder.Instance);
        return new RawJson(buffer.WrittenMemory);
    }

    /// <summary>engine.Account.AsOldStructure, APIerSv1's account.</summary>
    public static RawJson OldAccount(Account account)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        AccountJson.WriteOldStructureUtf8(account, buffer, GoJsonEncoder.Instance);
        return new RawJson(buffer.WrittenMemory);
    }

    /// <summary>[]*engine.Account; <c>[]</c> when empty, as CGRateS answers.</summary>
    public static RawJson Accounts(IReadOnlyList<Account> accounts) => List(accounts, AccountJson.WriteUtf8);

    /// <summary>APIerSv1.GetAccounts' list of old-structure accounts.</summary>
    public static RawJson OldAccounts(IReadOnlyList<Account> accounts) => List(accounts, AccountJson.WriteOldStructureUtf8);

    private static RawJson List(IReadOnlyList<Account> accounts, Action<Account, IBufferWriter<byte>, System.Text.Encodings.Web.JavaScriptEncoder?> write)
    {
        var buffer = new ArrayBufferWriter<byte>(2048 * Math.Max(1, accounts.Count));
        buffer.Write("["u8);
        for (var i = 0; i < accounts.Count; i++)
        {
            if (i > 0)
            {
                buffer.Write(","u8);
            }
            write(accounts[i], buffer, GoJsonEncoder.Instance);
        }
        buffer.Write("]"u8);
        return new RawJson(buffer.WrittenMemory);
    }
}
