using MeterGateway.Host.Storage;
using Xunit;

namespace MeterGateway.Tests;

/// <summary>Where <c>run</c> keeps its outbox when <c>[OUTBOX] directory</c> is not set (issue 16): the state folder.</summary>
public class StateDirectoryTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    [Fact]
    public void TheStateFolderFollowsSystemdThenXdgThenHome()
    {
        Assert.Equal("/var/lib/metergateway", StateDirectory.Folder(Env(("STATE_DIRECTORY", "/var/lib/metergateway:/var/lib/other"), ("XDG_STATE_HOME", "/x"), ("HOME", "/home/u")), "c.ini", false));
        Assert.Equal("/x/metergateway", StateDirectory.Folder(Env(("XDG_STATE_HOME", "/x"), ("HOME", "/home/u")), "c.ini", false));
        Assert.Equal("/home/u/.local/state/metergateway", StateDirectory.Folder(Env(("XDG_STATE_HOME", "relative"), ("HOME", "/home/u")), "c.ini", false));
        Assert.Equal("/home/u/.local/state/metergateway", StateDirectory.Folder(Env(("STATE_DIRECTORY", ""), ("HOME", "/home/u")), "c.ini", false));
        Assert.Equal(Path.GetDirectoryName(Path.GetFullPath("/etc/mg/config.ini")), StateDirectory.Folder(Env(("STATE_DIRECTORY", "/s")), "/etc/mg/config.ini", true));
    }

    [Fact]
    public void TheOutboxIsOnByDefaultAndNoneTurnsItOff()
    {
        Assert.Null(StateDirectory.Outbox("none", "c.ini", "gw"));
        Assert.Null(StateDirectory.Outbox("None", "c.ini", "gw"));
        Assert.Equal("/data/outbox", StateDirectory.Outbox("/data/outbox", "c.ini", "gw"));
        string byDefault = StateDirectory.Outbox("", "c.ini", "gw")!;
        Assert.EndsWith(Path.DirectorySeparatorChar + "outbox-gw", byDefault);
    }
}
