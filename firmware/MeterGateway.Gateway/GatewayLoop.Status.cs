using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Gateway
{
    /// <summary>
    /// The status document's buffer: rendered on the loop's thread (<see cref="WriteStatus"/>, and before each status
    /// message), lent to the status page's thread (<see cref="LendStatus"/>), and taken for the loop thread's other JSON
    /// (<see cref="TakeStatusWriter"/>), all under one lock. The host keeps the buffer; the box makes it only while it is
    /// used (<see cref="StatusOnDemand"/>).
    /// </summary>
    public sealed partial class GatewayLoop
    {
        /// <summary>
        /// Bytes of <see cref="StatusBuffer"/>, 6,504: the status document's fixed part, at most 2.5 KB (identity texts are
        /// at most 96 characters; the telegram server's part with 8 clients is 1,260 B of it; the corpus's largest fixed part
        /// without it is 1,098 B), and 116 bytes for each of <see cref="StatusValues"/> values (quantity, name, OBIS code,
        /// value, unit: 115 B on average in the corpus's largest set, the longest 143 B). The largest document of the
        /// corpus's captures is 4,975 B (a Hungarian DSMR 5 telegram, 34 values; with the notes of any language), 6,235 B
        /// with the telegram server's part for 8 clients. The box's status page also sends its power chart through this
        /// buffer (<see cref="LendStatus"/>), in parts when it is longer (<c>PowerChart.Send</c>).
        /// </summary>
        public const int StatusCapacity = 2560 + StatusValues * 116;

        /// <summary>
        /// Values the status document is sized for: 34, the corpus's largest set. A document whose values do not all fit
        /// lists those that do and counts the rest (<c>values_omitted</c>, docs/status-page.md).
        /// </summary>
        public const int StatusValues = 34;

        private readonly int _statusCapacity;
        private readonly object _statusLock = new object();
        private JsonWriter _status;
        private int _statusLength;
        private bool _lent;
        private bool _statusWanted;
        private bool _onDemand;

        /// <summary>
        /// False (the default, the host): the status buffer is made with the loop and kept. True (the box, whose heap holds
        /// about 100 KB in all): it exists only while it is used, so its bytes (<c>MeterProfile.BoxStatusCapacity</c>,
        /// 5,244 B with <c>[TCP]</c> off) are free between uses. It is made when the document is rendered, lent or taken
        /// (<see cref="WriteStatus"/>, <see cref="LendStatus"/>, <see cref="TakeStatusWriter"/>) and dropped when the page
        /// gives it back or the taken writer comes back, unless the page asked for a document meanwhile
        /// (<see cref="WantStatus"/>). The status message needs no buffer: the document is measured
        /// (<see cref="JsonWriter.Measure"/>) and rendered into an array of its exact length (when the page waits for a
        /// document, it is rendered into the buffer and copied), handed over when the connection is an
        /// <see cref="IMqttHandOver"/> (M2Mqtt keeps it until the PUBACK), so that the heap holds the document once while
        /// M2Mqtt encodes it. Set before <see cref="Start"/>.
        /// </summary>
        public bool StatusOnDemand
        {
            get { return _onDemand; }
            set
            {
                lock (_statusLock)
                {
                    _onDemand = value;
                    if (value) Drop();
                    else Writer();
                }
            }
        }

        /// <summary>
        /// The buffer <see cref="WriteStatus"/> fills (<see cref="StatusCapacity"/> bytes unless the loop was made with
        /// another size); null while there is none (<see cref="StatusOnDemand"/>, between uses).
        /// </summary>
        public byte[] StatusBuffer
        {
            get
            {
                JsonWriter status = _status;
                return status == null ? null : status.Buffer;
            }
        }

        /// <summary>
        /// On the loop's thread: renders the <see cref="StatusDocument"/> into <see cref="StatusBuffer"/>; returns its
        /// length, 0 when there is none, it did not fit, or the buffer is lent (<see cref="LendStatus"/>: then nothing is
        /// rendered and the last document stays). Renders under the lock <see cref="LendStatus"/> takes; clears
        /// <see cref="StatusWanted"/>.
        /// </summary>
        public int WriteStatus()
        {
            lock (_statusLock)
            {
                return Render();
            }
        }

        /// <summary>
        /// On another thread (the box's status page): asks the loop's thread for a document rendered from now on
        /// (<see cref="StatusWanted"/>); until it is, <see cref="HasStatus"/> is false. The box's main loop renders it
        /// between steps.
        /// </summary>
        public void WantStatus()
        {
            lock (_statusLock)
            {
                if (!_lent) _statusLength = 0;
                _statusWanted = true;
            }
        }

        /// <summary>True from <see cref="WantStatus"/> until a document is rendered (<see cref="WriteStatus"/> or a status message).</summary>
        public bool StatusWanted { get { return _statusWanted; } }

        /// <summary>True while <see cref="StatusBuffer"/> holds a rendered document (<see cref="LendStatus"/> returns its length).</summary>
        public bool HasStatus
        {
            get
            {
                lock (_statusLock) return _statusLength > 0;
            }
        }

        /// <summary>
        /// On another thread (the box's status page, the only borrower): lends <see cref="StatusBuffer"/> until
        /// <see cref="ReturnStatus"/>, so that the page sends the document from it instead of from a copy, or uses it as
        /// room (with <see cref="StatusOnDemand"/> a buffer is made when there is none). Returns the length of the
        /// document <see cref="WriteStatus"/> rendered last (at the buffer's start), 0 when there is none. While it is
        /// lent the loop renders nothing into the buffer and its status message waits (for a later <see cref="Step"/>),
        /// so the borrower reads a whole document and may write into the buffer (the power chart).
        /// </summary>
        public int LendStatus()
        {
            lock (_statusLock)
            {
                _lent = true;
                Writer();
                return _statusLength;
            }
        }

        /// <summary>
        /// Takes the buffer of <see cref="LendStatus"/> back; with <paramref name="overwritten"/> (the borrower wrote into
        /// it) there is no document until the next <see cref="WriteStatus"/>. The page's request is over: with
        /// <see cref="StatusOnDemand"/> the buffer is dropped, and a <see cref="WantStatus"/> not answered is withdrawn.
        /// </summary>
        public void ReturnStatus(bool overwritten)
        {
            lock (_statusLock)
            {
                _lent = false;
                if (overwritten) _statusLength = 0;
                if (_onDemand) _statusWanted = false;
                Drop();
            }
        }

        /// <summary>
        /// On the loop's thread, between steps: the status buffer's writer, reset, for the thread's other JSON (the box's
        /// command replies, update reports and status line), so that the box keeps one JSON buffer
        /// (<see cref="StatusBuffer"/>) instead of two. Null while the status page borrows the buffer
        /// (<see cref="LendStatus"/>): try again after a later step. Otherwise the lock <see cref="LendStatus"/> takes is
        /// held until <see cref="ReturnStatusWriter"/> (the page waits meanwhile), which renders the document again.
        /// </summary>
        public JsonWriter TakeStatusWriter()
        {
            System.Threading.Monitor.Enter(_statusLock);
            if (_lent)
            {
                System.Threading.Monitor.Exit(_statusLock);
                return null;
            }
            if (_statusLength > 0) _statusWanted = true; // on demand, a document the page has not borrowed yet: rendered again
            _statusLength = 0;
            JsonWriter w = Writer();
            w.Reset();
            return w;
        }

        /// <summary>
        /// Ends a <see cref="TakeStatusWriter"/> that returned the writer: renders the status document again (with
        /// <see cref="StatusOnDemand"/> only when the page asked for one, else the buffer is dropped) and lets the page
        /// borrow the buffer.
        /// </summary>
        public void ReturnStatusWriter()
        {
            if (_onDemand && !_statusWanted) Drop();
            else Render();
            System.Threading.Monitor.Exit(_statusLock);
        }

        // Under _statusLock.
        private int Render()
        {
            if (StatusDocument == null || _lent) return 0;
            JsonWriter w = Writer();
            w.Reset();
            StatusDocument.Write(w);
            _statusLength = w.Overflowed ? 0 : w.Length;
            _statusWanted = false;
            return _statusLength;
        }

        // Under _statusLock: the writer, made when there is none.
        private JsonWriter Writer()
        {
            if (_status == null) _status = new JsonWriter(_statusCapacity);
            return _status;
        }

        // Under _statusLock: with StatusOnDemand, the buffer (and the document in it) goes, unless it is lent.
        private void Drop()
        {
            if (!_onDemand || _lent) return;
            _status = null;
            _statusLength = 0;
        }

        // Housekeeping while connected: Home Assistant configs waiting, and the status message when due.
        private void PublishDue()
        {
            if (HomeAssistant != null && HomeAssistant.HasPending) HomeAssistant.PublishPending(_mqtt);
            long now = _clock.MonotonicMs;
            if (StatusTopic == null || _options.StatusInterval <= 0 || now < _statusDueMs) return;
            lock (_statusLock)
            {
                if (_lent) return; // the status page is sending the buffer: the message goes out at a later step
                long interval = _options.StatusInterval * 1000L;
                _statusDueMs += ((now - _statusDueMs) / interval + 1) * interval; // the next slot of the cadence, skipping missed ones
                // Published under the lock, so that the page cannot borrow the buffer while the message is read from it.
                bool awaited = _statusWanted || _statusLength > 0; // on demand, the page waits for a document
                // On demand with no document awaited, no status buffer: the document in an array of its measured length.
                byte[] document = _onDemand && !awaited ? Measured() : null;
                int length = document != null ? document.Length : Render();
                if (document == null && length > 0 && _onDemand) document = Copy(length); // an exact copy; the buffer goes below unless awaited
                if (!awaited) Drop();
                if (length > 0 && PublishStatus(document, length)) StatusPublished++;
            }
        }

        // Under _statusLock: the status document measured, then rendered into an array of its exact length with the room it
        // was measured in; null when there is none or it does not fit, and when its length changed between the two passes
        // (a counter that moved meanwhile: then it is rendered into the status buffer and copied, as when the page waits).
        private byte[] Measured()
        {
            if (StatusDocument == null) return null;
            JsonWriter w = new JsonWriter(0);
            w.Measure(_statusCapacity);
            StatusDocument.Write(w);
            if (w.Overflowed || w.Length == 0) return null;
            byte[] document = new byte[w.Length];
            w.Reset(document, 0, _statusCapacity); // the room measured: the values that fit are the same
            StatusDocument.Write(w);
            return !w.Overflowed && w.Length == document.Length ? document : null;
        }

        // Under _statusLock: the first length bytes of the status buffer in an array of their own.
        private byte[] Copy(int length)
        {
            byte[] document = new byte[length];
            System.Array.Copy(_status.Buffer, 0, document, 0, length);
            return document;
        }

        // Under _statusLock: the document on the status topic, from its copy (on demand, handed over when the connection
        // takes it so) or from the status buffer.
        private bool PublishStatus(byte[] document, int length)
        {
            if (document == null) return _mqtt.Publish(StatusTopic, _status.Buffer, 0, length, _builder.Options.Qos, true);
            IMqttHandOver handOver = _mqtt as IMqttHandOver;
            return handOver != null
                ? handOver.PublishWhole(StatusTopic, document, _builder.Options.Qos, true)
                : _mqtt.Publish(StatusTopic, document, 0, length, _builder.Options.Qos, true);
        }
    }
}
