using MeterGateway.Config;
using MeterGateway.Link;
using MeterGateway.Readings;

namespace MeterGateway.Device
{
    /// <summary>
    /// The provisioning portal's form: which settings it offers (<see cref="Fields"/>), the HTML page that shows them
    /// (<see cref="Render"/>) and how a posted form becomes a new <c>config.ini</c> text (<see cref="Apply"/>). Field
    /// names are <c>SECTION.key</c>, so that a posted field maps to <see cref="GatewayConfig.Set"/> directly. Portal
    /// code: it allocates.
    /// </summary>
    public static class PortalForm
    {
        /// <summary>The settings on the form, in page order (made on first use: only a box in setup mode shows the form).</summary>
        public static PortalField[] Fields
        {
            get
            {
                if (_fields == null) _fields = MakeFields();
                return _fields;
            }
        }

        // nanoFramework runs every static initializer at start and keeps what it makes: 12 objects of 8 fields, made here
        // only when the portal runs.
        private static PortalField[] _fields;

        private static PortalField[] MakeFields()
        {
            return new PortalField[]
            {
                new PortalField("WIFI", "ssid", "Network name (SSID)", PortalFieldKind.Text, true, null, null),
                new PortalField("WIFI", "password", "Password", PortalFieldKind.Secret, false, null, "Empty for an open network, else 8 to 63 characters."),
                new PortalField("MQTT", "host", "Broker address", PortalFieldKind.Text, true, null, "Host name or IP address of the MQTT broker."),
                new PortalField("MQTT", "port", "Port", PortalFieldKind.Number, true, null, "1883, or 8883 with TLS."),
                new PortalField("MQTT", "user", "User", PortalFieldKind.Text, false, null, "Empty for none."),
                new PortalField("MQTT", "password", "Password", PortalFieldKind.Secret, false, null, null),
                new PortalField("MQTT", "tls", "Use TLS", PortalFieldKind.Checkbox, false, null, null),
                new PortalField("GENERAL", "protocol", "Protocol", PortalFieldKind.Choice, true,
                    new string[] { ProtocolNames.Of(MeterProtocol.Dsmr), ProtocolNames.Of(MeterProtocol.Iec62056_21), ProtocolNames.Of(MeterProtocol.Sml), ProtocolNames.Of(MeterProtocol.Ekm) },
                    "dsmr: P1 port. sml: IR head on a push meter (German eHZ). iec62056-21: IR head, readouts on request. ekm: RS-485."),
                new PortalField("SERIAL", "serial_baudrate", "Baud rate", PortalFieldKind.Number, true, null,
                    "DSMR 4/5: 115200 8 none. DSMR 2.2/3: 9600 7 even. SML: 9600 8 none."),
                new PortalField("SERIAL", "serial_databits", "Data bits", PortalFieldKind.Choice, true, new string[] { "8", "7" }, null),
                new PortalField("SERIAL", "serial_parity", "Parity", PortalFieldKind.Choice, true, new string[] { "none", "even", "odd" }, null),
                new PortalField("DEVICE", "admin_password", "Admin password", PortalFieldKind.Secret, false, null,
                    "Token for remote commands over MQTT; empty turns them off (8 characters or more)."),
            };
        }

        /// <summary>The value field <paramref name="index"/> has in <paramref name="config"/>, as config.ini writes it.</summary>
        public static string CurrentValue(GatewayConfig config, int index)
        {
            switch (index)
            {
                case 0: return config.WifiSsid;
                case 1: return config.WifiPassword;
                case 2: return config.Host;
                case 3: return config.Port.ToString();
                case 4: return config.User;
                case 5: return config.Password;
                case 6: return config.Tls ? "true" : "false";
                case 7: return ProtocolNames.Of(config.Protocol);
                case 8: return config.SerialBaudrate.ToString();
                case 9: return config.SerialDataBits.ToString();
                case 10: return config.SerialParity == LinkParity.Even ? "even" : config.SerialParity == LinkParity.Odd ? "odd" : "none";
                default: return config.AdminPassword;
            }
        }

        /// <summary>
        /// The values to show: <paramref name="config"/>'s, overridden by what <paramref name="posted"/> (may be null)
        /// holds for each field; secrets are never shown, so theirs stay the stored ones (used only to say "unchanged").
        /// </summary>
        public static string[] Values(GatewayConfig config, FormData posted)
        {
            string[] values = StringArray.New(Fields.Length);
            for (int i = 0; i < Fields.Length; i++)
            {
                string entered = posted == null || Fields[i].Kind == PortalFieldKind.Secret ? null : posted.Get(Fields[i].Name);
                values[i] = entered != null ? entered : CurrentValue(config, i);
            }
            return values;
        }

        /// <summary>
        /// Applies a posted form to <paramref name="baseText"/> (a config.ini text that loads): each field present is
        /// checked with <see cref="GatewayConfig.Set"/> and written with <see cref="IniEditor.Set"/>; a field not posted and
        /// an empty secret keep the stored value; a checkbox posts <c>false</c> (hidden) then <c>true</c> when checked. The result is loaded again as a whole. Returns
        /// null and the new text in <paramref name="text"/>, or the first error (naming section and key, never a secret
        /// value) and <paramref name="text"/> null.
        /// </summary>
        public static string Apply(FormData form, string baseText, out string text)
        {
            text = null;
            string updated = baseText;
            try
            {
                GatewayConfig check = GatewayConfig.Load(baseText);
                for (int i = 0; i < Fields.Length; i++)
                {
                    PortalField f = Fields[i];
                    string value = form.Get(f.Name);
                    if (f.Kind == PortalFieldKind.Checkbox && value != null) value = value == "true" ? "true" : "false";
                    if (value == null || (f.Kind == PortalFieldKind.Secret && value.Length == 0)) continue;
                    if (f.Required && value.Length == 0) return "[" + f.Section + "] " + f.Key + ": required";
                    check.Set(f.Section, f.Key, value);
                    updated = IniEditor.Set(updated, f.Section, f.Key, value);
                }
                if (check.WifiSsid.Length == 0) return "[WIFI] ssid: required";
                GatewayConfig.Load(updated);
            }
            catch (ConfigException e)
            {
                return Secrets.Describe(e);
            }
            text = updated;
            return null;
        }

        /// <summary>
        /// The form page: <paramref name="notice"/> says why the portal is open, <paramref name="error"/> (or null)
        /// what was wrong with the last post; <paramref name="values"/> from <see cref="Values"/>.
        /// </summary>
        public static byte[] Render(string accessPoint, string notice, string error, string[] values)
        {
            Utf8Builder page = new Utf8Builder(6144);
            Head(page, accessPoint);
            page.Append("<p class=\"note\">").AppendEscaped(notice).Append("</p>");
            if (error != null) page.Append("<p class=\"error\" role=\"alert\">").AppendEscaped(error).Append("</p>");
            page.Append("<form method=\"post\" action=\"/\">");
            string group = null;
            for (int i = 0; i < Fields.Length; i++)
            {
                string title = GroupTitle(Fields[i].Section);
                if (title != group)
                {
                    if (group != null) page.Append("</fieldset>");
                    page.Append("<fieldset><legend>").AppendEscaped(title).Append("</legend>");
                    group = title;
                }
                Field(page, Fields[i], values[i]);
            }
            page.Append("</fieldset><button type=\"submit\">Save and restart</button></form></body></html>");
            return page.ToArray();
        }

        /// <summary>The page after a successful save: the box restarts and joins <paramref name="ssid"/>.</summary>
        public static byte[] RenderSaved(string accessPoint, string ssid)
        {
            Utf8Builder page = new Utf8Builder(1024);
            Head(page, accessPoint);
            page.Append("<p class=\"note\">Settings saved. The gateway restarts now and joins the network <b>")
                .AppendEscaped(ssid)
                .Append("</b>; this access point goes away. If the status LED blinks fast afterwards, the network or its password is wrong: hold the button while powering up to come back here.</p></body></html>");
            return page.ToArray();
        }

        private static void Head(Utf8Builder page, string accessPoint)
        {
            page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>MeterGateway setup</title>")
                .Append("<style>body{font-family:sans-serif;max-width:34em;margin:1em auto;padding:0 1em}")
                .Append("fieldset{margin:1em 0}label{display:block;margin-top:.6em}input,select{width:100%;padding:.3em;box-sizing:border-box}")
                .Append("input[type=checkbox]{width:auto}.help{color:#555;font-size:.85em}.error{color:#b00;font-weight:bold}")
                .Append("button{margin:1em 0;padding:.6em 1.2em}</style></head><body><h1>MeterGateway setup</h1><p class=\"help\">Access point ")
                .AppendEscaped(accessPoint)
                .Append("</p>");
        }

        private static void Field(Utf8Builder page, PortalField f, string value)
        {
            string id = f.Section + "-" + f.Key;
            if (f.Kind == PortalFieldKind.Checkbox)
            {
                page.Append("<input type=\"hidden\" name=\"").Append(f.Name).Append("\" value=\"false\">")
                    .Append("<label><input type=\"checkbox\" name=\"").Append(f.Name).Append("\" value=\"true\"")
                    .Append(value == "true" ? " checked" : "").Append("> ").AppendEscaped(f.Label).Append("</label>");
            }
            else
            {
                page.Append("<label for=\"").Append(id).Append("\">").AppendEscaped(f.Label).Append("</label>");
                if (f.Kind == PortalFieldKind.Choice)
                {
                    page.Append("<select id=\"").Append(id).Append("\" name=\"").Append(f.Name).Append("\">");
                    for (int c = 0; c < f.Choices.Length; c++)
                    {
                        page.Append("<option").Append(f.Choices[c] == value ? " selected" : "").Append(">")
                            .AppendEscaped(f.Choices[c]).Append("</option>");
                    }
                    page.Append("</select>");
                }
                else if (f.Kind == PortalFieldKind.Secret)
                {
                    page.Append("<input type=\"password\" id=\"").Append(id).Append("\" name=\"").Append(f.Name)
                        .Append("\" autocomplete=\"new-password\" placeholder=\"")
                        .Append(value != null && value.Length > 0 ? "(unchanged)" : "(none)").Append("\">");
                }
                else
                {
                    page.Append("<input type=\"").Append(f.Kind == PortalFieldKind.Number ? "number" : "text").Append("\" id=\"").Append(id)
                        .Append("\" name=\"").Append(f.Name).Append("\" value=\"").AppendEscaped(value).Append("\"")
                        .Append(f.Required ? " required" : "").Append(">");
                }
            }
            if (f.Help != null) page.Append("<div class=\"help\">").AppendEscaped(f.Help).Append("</div>");
        }

        private static string GroupTitle(string section)
        {
            if (section == "WIFI") return "Wi-Fi";
            if (section == "MQTT") return "MQTT broker";
            if (section == "DEVICE") return "Remote commands";
            return "Meter";
        }
    }
}
