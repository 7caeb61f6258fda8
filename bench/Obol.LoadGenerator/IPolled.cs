using System.Net.Sockets;

namespace Obol.LoadGenerator;

/// <summary>A client connection a <see cref="Poller"/> drives: it sends from <see cref="Start"/> and from each
/// <see cref="OnReadable"/>, never blocking on the server.</summary>
internal interface IPolled
{
    Socket Socket { get; }

    /// <summary>True once the run is over and every request sent has been answered.</summary>
    bool IsDone { get; }

    void Start(long stopAt);

    /// <summary>Reads what arrived (the poller saw the socket readable), records the replies and sends what they free.</summary>
    void OnReadable(long measureFrom, long stopAt);
}
