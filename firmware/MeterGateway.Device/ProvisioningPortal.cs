using MeterGateway.Config;
using MeterGateway.Readings;

namespace MeterGateway.Device
{
    /// <summary>
    /// The provisioning portal's HTTP behaviour, so that the ESP32's web server (<c>Platform/PortalServer</c>) only copies a
    /// request in and a <see cref="PortalResponse"/> out (docs/firmware.md, "Provisioning"):
    /// <list type="bullet">
    /// <item><c>GET /</c>: the form (<see cref="PortalForm"/>) with the stored settings, saying why the portal is open.</item>
    /// <item><c>POST /</c> (<c>application/x-www-form-urlencoded</c>): valid settings are kept as the new
    /// <c>config.ini</c> text (<see cref="SavedText"/>, <see cref="Saved"/>) and a page says the box restarts; bad
    /// input gives the form again (400) with the error naming the key, the entered values kept, secrets not echoed.</item>
    /// <item>Any other <c>GET</c> (the captive-portal probes of phones and laptops: <c>/generate_204</c>,
    /// <c>/hotspot-detect.html</c>, <c>/connecttest.txt</c>…): 302 to <c>http://192.168.4.1/</c>, which makes them open
    /// the form; <c>/favicon.ico</c>: 404. Other methods: 405. A body over <see cref="MaxBodyLength"/>: 413.</item>
    /// </list>
    /// When the stored file does not load, the form starts from an empty file (every other key back to its default)
    /// and says so. With a usable stored configuration the portal gives up after <see cref="IdleTimeoutMs"/> without a
    /// request (<see cref="IdleExpired"/>), so a box whose button was pressed by accident goes back to work.
    /// </summary>
    public sealed class ProvisioningPortal
    {
        /// <summary>The soft access point's address (the nanoFramework default, as in the WiFiAP sample).</summary>
        public const string Address = "192.168.4.1";
        /// <summary>Idle time after which a portal over a usable configuration gives up, in ms (10 minutes).</summary>
        public const long IdleTimeoutMs = 600000;
        /// <summary>Largest form body accepted, in bytes.</summary>
        public const int MaxBodyLength = 4096;

        private const string HtmlType = "text/html; charset=utf-8";
        private const string TextType = "text/plain; charset=utf-8";

        private readonly string _accessPoint;
        private readonly string _baseText;
        private readonly GatewayConfig _current;
        private readonly string _notice;
        private readonly bool _mayGiveUp;
        private long _lastRequestMs;

        /// <summary>True once valid settings were posted; <see cref="SavedText"/> then holds the file to write.</summary>
        public bool Saved { get; private set; }

        /// <summary>The new <c>config.ini</c> text after <see cref="Saved"/>, else null.</summary>
        public string SavedText { get; private set; }

        /// <summary>
        /// A portal over <paramref name="stored"/>, served on the access point <paramref name="accessPoint"/>
        /// (<see cref="BootDecision.AccessPointSsid"/>), opened at <paramref name="nowMs"/>.
        /// </summary>
        public ProvisioningPortal(StoredConfig stored, string accessPoint, long nowMs)
        {
            _accessPoint = accessPoint;
            _baseText = stored.Config != null ? stored.Text : "";
            _current = stored.Config != null ? stored.Config : new GatewayConfig();
            _mayGiveUp = stored.IsUsable;
            _lastRequestMs = nowMs;
            if (stored.IsUsable)
                _notice = "The gateway is set up. Change what you need and save; without a visit for 10 minutes it goes back to work as it was.";
            else if (stored.Config == null && stored.Text.Length > 0)
                _notice = "Setup needed: " + stored.Problem + ". Saving writes a new config.ini with the settings below; keys not on this page go back to their defaults.";
            else
                _notice = "Setup needed: " + stored.Problem + ".";
        }

        /// <summary>
        /// Answers one request: <paramref name="method"/> and <paramref name="path"/> (query allowed) as received, and
        /// <paramref name="count"/> bytes of body from <paramref name="offset"/>. Never throws on bad input.
        /// </summary>
        public PortalResponse Handle(string method, string path, byte[] body, int offset, int count, long nowMs)
        {
            _lastRequestMs = nowMs;
            int query = path.IndexOf('?');
            if (query >= 0) path = path.Substring(0, query);
            if (method == "GET")
            {
                if (path == "/" || path == "/index.html") return Page(200, null, null);
                if (path == "/favicon.ico") return new PortalResponse(404, TextType, null, Ascii.GetBytes("not found"));
                return new PortalResponse(302, TextType, "http://" + Address + "/", Ascii.GetBytes("see http://" + Address + "/"));
            }
            if (method != "POST") return new PortalResponse(405, TextType, null, Ascii.GetBytes("method not allowed"));
            if (path != "/") return new PortalResponse(404, TextType, null, Ascii.GetBytes("not found"));
            if (count > MaxBodyLength) return new PortalResponse(413, TextType, null, Ascii.GetBytes("form too large"));
            if (Saved) return Page(200, null, null);

            FormData form = FormData.Parse(body, offset, count);
            if (form.Overflowed) return Page(400, "too many form fields", form);
            if (form.NotUtf8) return Page(400, "a form field is not UTF-8 text", form);
            string text;
            string error = PortalForm.Apply(form, _baseText, out text);
            if (error != null) return Page(400, error, form);
            SavedText = text;
            Saved = true;
            return Page(200, null, null);
        }

        /// <summary>True when the portal may give up at <paramref name="nowMs"/>: a usable configuration, nothing saved, idle for <see cref="IdleTimeoutMs"/>.</summary>
        public bool IdleExpired(long nowMs)
        {
            return _mayGiveUp && !Saved && nowMs - _lastRequestMs >= IdleTimeoutMs;
        }

        private PortalResponse Page(int status, string error, FormData posted)
        {
            if (Saved)
            {
                GatewayConfig saved = GatewayConfig.Load(SavedText);
                return new PortalResponse(status, HtmlType, null, PortalForm.RenderSaved(_accessPoint, saved.WifiSsid));
            }
            return new PortalResponse(status, HtmlType, null, PortalForm.Render(_accessPoint, _notice, error, PortalForm.Values(_current, posted)));
        }
    }
}
