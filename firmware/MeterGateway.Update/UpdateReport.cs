using MeterGateway.Readings;

namespace MeterGateway.Update
{
    /// <summary>
    /// One update status event for the status topic (published retained on <c>&lt;availability topic&gt;/update</c>,
    /// i.e. <c>metergateway/{client}/status/update</c> by default), e.g.
    /// <c>{"result":"refused","reason":"bad-signature","text":"manifest: signature does not verify (changed after signing)","version":"1.4.0","running":"1.3.0"}</c>.
    /// <c>version</c> is the release concerned, <c>running</c> the set the box runs now; <c>done</c>/<c>total</c>
    /// (bytes) only while downloading. Filled in place: <see cref="Set"/> does not allocate.
    /// </summary>
    public sealed class UpdateReport
    {
        /// <summary>What happened.</summary>
        public UpdateResult Result;
        /// <summary>Why (refused, failed, reverted), else <see cref="UpdateReason.None"/>.</summary>
        public UpdateReason Reason;
        /// <summary>The version of the release concerned, or null when it is not known (a malformed command or manifest).</summary>
        public string Version;
        /// <summary>The version of the set running now.</summary>
        public string Running;
        /// <summary>Bytes downloaded so far (while <see cref="UpdateResult.Downloading"/>).</summary>
        public long Done;
        /// <summary>Bytes to download in all (while <see cref="UpdateResult.Downloading"/>).</summary>
        public long Total;
        /// <summary>Counts every <see cref="Set"/>: a publisher compares it with the last one it sent.</summary>
        public int Sequence;

        /// <summary>Records a new event.</summary>
        public void Set(UpdateResult result, UpdateReason reason, string version, string running)
        {
            Result = result;
            Reason = reason;
            Version = version;
            Running = running;
            Done = 0;
            Total = 0;
            Sequence++;
        }

        /// <summary>The JSON name of a result, e.g. <c>reverted</c>.</summary>
        public static string ResultName(UpdateResult result)
        {
            // a switch of literals, not a static table (nanoFramework keeps those and their strings on the heap for good)
            switch (result)
            {
                case UpdateResult.None: return "none";
                case UpdateResult.Downloading: return "downloading";
                case UpdateResult.Refused: return "refused";
                case UpdateResult.Failed: return "failed";
                case UpdateResult.Activated: return "activated";
                case UpdateResult.Updated: return "updated";
                case UpdateResult.Reverted: return "reverted";
                default: return "unknown";
            }
        }

        /// <summary>Writes the event as one JSON object.</summary>
        public void Write(JsonWriter json)
        {
            json.Raw('{');
            json.Name("result", true);
            json.String(ResultName(Result));
            if (Reason != UpdateReason.None)
            {
                json.Name("reason", false);
                json.String(UpdateReasons.Name(Reason));
                json.Name("text", false);
                json.String(UpdateReasons.Text(Reason));
            }
            if (Version != null)
            {
                json.Name("version", false);
                json.String(Version);
            }
            if (Running != null)
            {
                json.Name("running", false);
                json.String(Running);
            }
            if (Result == UpdateResult.Downloading)
            {
                json.Name("done", false);
                json.Number(Done);
                json.Name("total", false);
                json.Number(Total);
            }
            json.Raw('}');
        }
    }
}
