using NodaTime;
using Obol.Filters;
using Obol.SessionServer;

namespace Obol.EventReaders;

/// <summary>What every reader shares: SessionS (null when sessions_conns reaches none), FilterS, the clock and zone,
/// the default tenant and the log.</summary>
internal sealed record ReaderContext(SessionService? Sessions, FilterService Filters, IClock Clock, DateTimeZone Zone, string DefaultTenant,
    Action<string> Info, Action<string> Warn);
