using MeterGateway.Crypto;
using MeterGateway.Link;
using MeterGateway.Readings;

namespace MeterGateway.Update
{
    /// <summary>
    /// Runs one update from the MQTT command to the switch, a step at a time so the gateway loop goes on between steps:
    /// <list type="number">
    /// <item><see cref="Command"/> parses the payload (<see cref="UpdateCommand"/>); the manifest comes inline or is
    /// fetched (<see cref="UpdateState.FetchingManifest"/>).</item>
    /// <item>The manifest is checked: format, fleet key and signature, version newer than the running one, native
    /// firmware new enough, no update on trial, and the files fit in the partition's free bytes less
    /// <see cref="UpdatePolicy.ReservedBytes"/>. Any failure is <see cref="UpdateResult.Refused"/> with its reason.</item>
    /// <item>The staging slot (<see cref="UpdateSlots.Staging"/>: never the running or the last good set) gets the
    /// manifest and source files, then each file in chunks (<see cref="UpdateState.Downloading"/>), hashed as it
    /// arrives. A broken connection resumes at the byte the file has on storage (HTTP range), after a backoff; a
    /// restart resumes too (<see cref="Resume"/>), rehashing what is there. More bytes than the manifest says, a
    /// SHA-256 mismatch or a full partition abandon the update and delete the staged files.</item>
    /// <item>When every file is there, the whole set is verified again from storage, and only then the
    /// <see cref="BootRecord"/> is written naming it, on trial (<see cref="UpdateResult.Activated"/>): the platform
    /// restarts and <see cref="UpdateLoader"/> takes over.</item>
    /// </list>
    /// Results go to <see cref="Report"/>. Allocates per update (its working memory, <see cref="UpdateWork"/>, about
    /// 13 KB with the boot record, and a few strings) and per command (its parse), not per chunk; an idle agent holds
    /// none of it (<see cref="HoldsWork"/>).
    /// </summary>
    public sealed class UpdateAgent
    {
        private readonly IUpdateStorage _storage;
        private readonly IUpdateTransport _transport;
        private readonly UpdatePolicy _policy;
        private UpdateWork _work; // only while an update runs
        private readonly Backoff _backoff;
        private readonly string _running;
        private int _manifestLength;
        private string _manifestUrl;
        private string _filesUrl;
        private int _slot;
        private int _file;
        private int _hashed;
        private bool _open;
        private int _failures;

        /// <summary>The current state.</summary>
        public UpdateState State { get; private set; }

        /// <summary>The last result, for the status topic.</summary>
        public readonly UpdateReport Report = new UpdateReport();

        /// <summary>
        /// An agent for a box running version <paramref name="runningVersion"/> (<see cref="UpdateLoader.Version"/>). Without
        /// a <paramref name="transport"/> (null: a box whose managed heap cannot run an updated set, a module without PSRAM)
        /// it refuses every command (<see cref="UpdateReason.HeapTooSmall"/>) and resumes nothing.
        /// </summary>
        public UpdateAgent(IUpdateStorage storage, IUpdateTransport transport, UpdatePolicy policy, string runningVersion)
        {
            _storage = storage;
            _transport = transport;
            _policy = policy;
            _running = runningVersion;
            _backoff = new Backoff(policy.RetryInitialMs, policy.RetryMaxMs);
        }

        /// <summary>
        /// True while the agent holds the memory of an update (<see cref="UpdateWork"/>, about 13 KB on the box): from a
        /// command that passes its own checks or a download to resume until the update is refused, fails, or is activated.
        /// </summary>
        public bool HoldsWork { get { return _work != null; } }

        /// <summary>True while fetching or downloading.</summary>
        public bool Busy { get { return State == UpdateState.FetchingManifest || State == UpdateState.Downloading; } }

        /// <summary>
        /// Handles an update command payload. A refusal (bad command, busy, bad inline manifest…) is in
        /// <see cref="Report"/> at once; otherwise the work goes on in <see cref="Step"/>.
        /// </summary>
        public void Command(byte[] payload, int offset, int count)
        {
            if (Busy || State == UpdateState.Activated)
            {
                Report.Set(UpdateResult.Refused, UpdateReason.Busy, null, _running);
                return;
            }
            UpdateCommand command = new UpdateCommand(); // made per command: an idle agent holds none
            UpdateReason reason = _transport == null ? UpdateReason.HeapTooSmall : command.Parse(payload, offset, count, _policy.RequireHttps);
            if (reason != UpdateReason.None)
            {
                Report.Set(UpdateResult.Refused, reason, null, _running);
                return;
            }
            if (command.ManifestOffset >= 0 && command.ManifestLength > UpdateManifest.MaxLength)
            {
                Report.Set(UpdateResult.Refused, UpdateReason.ManifestTooLong, null, _running);
                return;
            }
            _filesUrl = command.FilesUrl;
            _failures = 0;
            _backoff.Succeeded();
            _work = new UpdateWork(_storage, _policy);
            if (command.ManifestOffset < 0)
            {
                _manifestUrl = command.Url;
                State = UpdateState.FetchingManifest;
                return;
            }
            _manifestLength = Ascii.Write(payload, command.ManifestOffset, command.ManifestLength, _work.ManifestBytes, 0);
            Accept();
        }

        /// <summary>
        /// Resumes a download that a restart interrupted: when the staging slot holds a signed manifest and its source,
        /// the update starts again from the bytes on storage. Returns true when it did.
        /// </summary>
        public bool Resume()
        {
            if (Busy || _transport == null) return false;
            BootRecord record = new BootRecord(); // read once at start: the agent keeps none while idle
            record.Load(_storage);
            if (record.Trial) return false;
            int slot = UpdateSlots.Staging(record.Current, record.LastGood);
            string source = SetStorage.PathOf(slot, SetStorage.SourceFile);
            int length = _storage.Length(source);
            if (length <= 0 || length > UpdateCommand.MaxUrlLength) return false;
            _work = new UpdateWork(_storage, _policy);
            if (_work.Sets.LoadManifest(slot, _work.Check) != UpdateReason.None)
            {
                _work = null;
                return false;
            }
            int got = _storage.Read(source, 0, _work.Chunk, 0, length);
            _filesUrl = Ascii.ToString(_work.Chunk, 0, got);
            _manifestLength = Ascii.Write(_work.Sets.ManifestBytes, 0, _work.Sets.ManifestLength, _work.ManifestBytes, 0);
            _failures = 0;
            _backoff.Succeeded();
            Accept();
            return Busy;
        }

        /// <summary>One step of the work: the whole manifest fetch, or one chunk of a file, or the final check and switch.</summary>
        public void Step(long nowMs)
        {
            if (!Busy || !_backoff.Due(nowMs)) return;
            if (State == UpdateState.FetchingManifest) FetchManifest(nowMs);
            else if (_file == _work.Manifest.FileCount) Activate();
            else DownloadChunk(nowMs);
        }

        private void FetchManifest(long nowMs)
        {
            if (!_transport.Open(_manifestUrl, 0))
            {
                Interrupted(nowMs);
                return;
            }
            _manifestLength = 0;
            while (true)
            {
                int n = _transport.Read(_work.Chunk, 0, _work.Chunk.Length);
                if (n == 0) break;
                if (n < 0)
                {
                    _transport.Close();
                    Interrupted(nowMs);
                    return;
                }
                if (_manifestLength + n > _work.ManifestBytes.Length)
                {
                    _transport.Close();
                    Finish(UpdateResult.Refused, UpdateReason.ManifestTooLong, null);
                    return;
                }
                _manifestLength += Ascii.Write(_work.Chunk, 0, n, _work.ManifestBytes, _manifestLength);
            }
            _transport.Close();
            Accept();
        }

        // The manifest is in _work.ManifestBytes: check it and prepare the staging slot.
        private void Accept()
        {
            UpdateReason reason = _work.Manifest.Parse(_work.ManifestBytes, 0, _manifestLength);
            if (reason == UpdateReason.None) reason = _policy.Key.Check(_work.Manifest, _work.ManifestBytes, 0);
            string version = reason == UpdateReason.None ? _work.Manifest.Version : null;
            if (reason == UpdateReason.None && AppVersion.Compare(_work.Manifest.Version, _running) <= 0) reason = UpdateReason.NotNewer;
            if (reason == UpdateReason.None && AppVersion.Compare(_policy.FirmwareVersion, _work.Manifest.MinimumFirmware) < 0) reason = UpdateReason.FirmwareTooOld;
            BootRecord record = _work.Record;
            record.Load(_storage);
            if (reason == UpdateReason.None && record.Trial) reason = UpdateReason.Busy;
            _slot = UpdateSlots.Staging(record.Current, record.LastGood);
            bool resume = reason == UpdateReason.None && SameManifest(_slot);
            if (reason == UpdateReason.None)
            {
                long budget = _storage.FreeBytes - _policy.ReservedBytes + _work.Sets.Footprint(_slot, _policy.BlockSize);
                if (SetStorage.Footprint(_work.Manifest, _policy.BlockSize) > budget) reason = UpdateReason.TooBig;
            }
            if (reason != UpdateReason.None)
            {
                Finish(UpdateResult.Refused, reason, version);
                return;
            }
            if (!resume)
            {
                // The manifest last: a slot with a signed manifest has its source complete (see Resume).
                _work.Sets.Clear(_slot);
                int urlLength = Ascii.Write(_filesUrl, _work.Chunk, 0);
                _storage.Write(SetStorage.PathOf(_slot, SetStorage.SourceFile), _work.Chunk, 0, urlLength);
                _storage.Write(SetStorage.PathOf(_slot, SetStorage.ManifestFile), _work.ManifestBytes, 0, _manifestLength);
            }
            _file = 0;
            _hashed = -1;
            State = UpdateState.Downloading;
            Report.Set(UpdateResult.Downloading, UpdateReason.None, _work.Manifest.Version, _running);
            Report.Total = _work.Manifest.TotalSize;
        }

        private void DownloadChunk(long nowMs)
        {
            string name = _work.Manifest.FileNames[_file];
            string path = SetStorage.PathOf(_slot, name);
            int size = _work.Manifest.FileSizes[_file];
            if (!_open)
            {
                int have = _storage.Length(path);
                if (have > size)
                {
                    _storage.Delete(path);
                    have = 0;
                }
                if (have < 0) have = 0;
                if (_hashed != have) _hashed = _work.Sets.HashPrefix(path, have, _work.Sha);
                if (_hashed == size)
                {
                    FileDone();
                    return;
                }
                if (!_transport.Open(_filesUrl + name, _hashed))
                {
                    Interrupted(nowMs);
                    return;
                }
                _open = true;
            }
            int n = _transport.Read(_work.Chunk, 0, _work.Chunk.Length);
            if (n <= 0)
            {
                // −1: the connection broke; 0: the body ended before the file's size.
                Close();
                Interrupted(nowMs);
                return;
            }
            if (_hashed + n > size)
            {
                Abandon(UpdateResult.Refused, UpdateReason.FileTooLong);
                return;
            }
            long growth = SetStorage.RoundUp(_hashed + n, _policy.BlockSize) - SetStorage.RoundUp(_hashed, _policy.BlockSize);
            if (growth > 0 && _storage.FreeBytes - _policy.ReservedBytes < growth)
            {
                Abandon(UpdateResult.Failed, UpdateReason.StorageFull);
                return;
            }
            _storage.Append(path, _work.Chunk, 0, n);
            _work.Sha.Update(_work.Chunk, 0, n);
            _hashed += n;
            Report.Done += n;
            _failures = 0;
            _backoff.Succeeded();
            if (_hashed == size)
            {
                Close();
                FileDone();
            }
        }

        // The current file has all its bytes: its hash decides.
        private void FileDone()
        {
            _work.Sha.Final(_work.Digest, 0);
            int at = _file * Sha256.HashSize;
            for (int i = 0; i < Sha256.HashSize; i++)
            {
                if (_work.Digest[i] != _work.Manifest.FileHashes[at + i])
                {
                    Abandon(UpdateResult.Refused, UpdateReason.FileHashMismatch);
                    return;
                }
            }
            _file++;
            _hashed = -1;
        }

        // Every file is staged: verify the whole set from storage, then the switch (the boot record, written last).
        private void Activate()
        {
            if (_work.Sets.Verify(_slot, _work.Check) != UpdateReason.None)
            {
                Abandon(UpdateResult.Failed, UpdateReason.SetCorrupted);
                return;
            }
            BootRecord record = _work.Record;
            record.Load(_storage);
            record.LastGood = record.Current;
            record.Current = _slot;
            record.Trial = true;
            record.TrialBoots = 0;
            record.Result = UpdateResult.Activated;
            record.Reason = UpdateReason.None;
            record.Version = _work.Manifest.Version;
            record.Save(_storage);
            State = UpdateState.Activated;
            Report.Set(UpdateResult.Activated, UpdateReason.None, _work.Manifest.Version, _running);
            _work = null; // the platform restarts into the loader
        }

        private void Interrupted(long nowMs)
        {
            _failures++;
            if (_failures > _policy.MaxDownloadFailures)
            {
                Finish(UpdateResult.Failed, UpdateReason.DownloadFailed, State == UpdateState.Downloading ? _work.Manifest.Version : null);
                return;
            }
            _backoff.Failed(nowMs);
        }

        // Gives up and deletes the staged files (the slot is neither the running nor the last good set).
        private void Abandon(UpdateResult result, UpdateReason reason)
        {
            Close();
            _work.Sets.Clear(_slot);
            Finish(result, reason, _work.Manifest.Version);
        }

        private void Finish(UpdateResult result, UpdateReason reason, string version)
        {
            Close();
            State = UpdateState.Idle;
            Report.Set(result, reason, version, _running);
            _work = null;
        }

        private void Close()
        {
            if (_open) _transport.Close();
            _open = false;
        }

        // True when the slot already holds exactly these manifest bytes (a download to resume).
        private bool SameManifest(int slot)
        {
            string path = SetStorage.PathOf(slot, SetStorage.ManifestFile);
            if (_storage.Length(path) != _manifestLength) return false;
            int done = 0;
            while (done < _manifestLength)
            {
                int got = _storage.Read(path, done, _work.Chunk, 0, _work.Chunk.Length < _manifestLength - done ? _work.Chunk.Length : _manifestLength - done);
                if (got <= 0) return false;
                for (int i = 0; i < got; i++)
                {
                    if (_work.Chunk[i] != _work.ManifestBytes[done + i]) return false;
                }
                done += got;
            }
            return _storage.Length(SetStorage.PathOf(slot, SetStorage.SourceFile)) > 0;
        }
    }
}
