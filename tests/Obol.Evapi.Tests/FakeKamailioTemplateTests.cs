using Obol.Evapi.Testing;
using Xunit;

namespace Obol.Evapi.Tests;

public sealed class FakeKamailioTemplateTests
{
    private static readonly FakeCall s_callA = new()
    {
        HashEntry = 313,
        HashId = 2992,
        OriginId = "1-6498@127.0.0.1",
        SetupTime = 1795632531,
        AnswerTime = 1795632531,
    };

    [Fact]
    public void AuthRequest_CallAValues_EqualsCapture() =>
        Assert.Equal(TestData.Text("kam56_auth_request.json"),
            KamailioTemplates.AuthRequest("12656", "1138748234", "1001", "1002", 1795632531));

    [Fact]
    public void SimpleAuthRequest_RegisterValues_EqualsCapture() =>
        Assert.Equal(TestData.Text("kam56_simpleauth_request.json"), KamailioTemplates.SimpleAuthRequest("29729", "318691221", "1003"));

    [Fact]
    public void CallStart_CallAValues_EqualsCapture() =>
        Assert.Equal(TestData.Text("kam56_call_start.json"), KamailioTemplates.CallStart(s_callA));

    [Fact]
    public void CallEnd_CallAValues_EqualsCapture() =>
        Assert.Equal(TestData.Text("kam56_call_end.json"), KamailioTemplates.CallEnd(s_callA, 5));

    [Fact]
    public void DlgListReply_OneDialog_EqualsCapture() =>
        Assert.Equal(TestData.Text("kam56_dlg_list_reply.json"), KamailioTemplates.DlgListReply([new FakeDialog(3250, 2482, "1-6983@127.0.0.1")]));

    [Fact]
    public void DlgListReply_SeveralDialogs_ParsesBackToSameDialogs()
    {
        FakeDialog[] dialogs = [new(1, 2, "a@h"), new(3, 4, "b@h"), new(5, 6, "c@h")];

        var reply = KamDlgListReply.Parse(System.Text.Encoding.UTF8.GetBytes(KamailioTemplates.DlgListReply(dialogs)));

        Assert.Equal(dialogs, reply.Dialogs.Select(d => new FakeDialog(d.HashEntry!.Value, d.HashId!.Value, d.CallId)));
    }

    [Fact]
    public void DlgListReply_NoDialogs_ParsesToEmptyList() =>
        Assert.Empty(KamDlgListReply.Parse(System.Text.Encoding.UTF8.GetBytes(KamailioTemplates.DlgListReply([]))).Dialogs);
}
