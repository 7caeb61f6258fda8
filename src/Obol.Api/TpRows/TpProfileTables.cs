using Obol.Api.JsonRpc;

namespace Obol.Api.TpRows;

internal static class TpProfileTables
{
    public static void Register(TpRowService service, JsonRpcDispatcher dispatcher)
    {
        _ = service;
        _ = dispatcher;
    }
}
