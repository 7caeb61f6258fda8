namespace Obol.Evapi;

/// <summary>The handlers kamevapi would run for a payload; more than one when several names occur in it.</summary>
[Flags]
public enum KamEventKinds
{
    None = 0,
    AuthRequest = 1,
    CallStart = 2,
    CallEnd = 4,

    /// <summary>Matches CGR_DLG_LIST_REPLY, whose name contains CGR_DLG_LIST.</summary>
    DlgList = 8,
    ProcessMessage = 16,
    ProcessCdr = 32,
}
