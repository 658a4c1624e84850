using System.IO;
using System.IO.Ports;
using System.Threading;
using MeterGateway.Link;
using nanoFramework.Hardware.Esp32;

namespace MeterGateway.Platform
{
    /// <summary>
    /// <see cref="IMeterLink"/> on the ESP32's COM2 (nanoFramework System.IO.Ports, nanoframework/System.IO.Ports).
    /// COM2 has no default pins, so RX and TX are both mapped with <c>Configuration.SetPinFunction</c> before the port
    /// is created, even for a receive-only P1 port. One work buffer serves RX and TX on nanoFramework and defaults to
    /// 256 bytes: it is raised to <see cref="BufferSize"/> so that a whole 4 KB telegram fits between two reads.
    /// </summary>
    public sealed class Esp32SerialLink : IMeterLink
    {
        /// <summary>Driver buffer: the largest telegram the gateway accepts (4096 bytes) plus slack for the next one starting.</summary>
        public const int BufferSize = 6144;

        private const string PortName = "COM2";
        private const int PollMs = 10;

        private readonly SerialPort _port;
        private readonly P1DataRequest _dataRequest;

        /// <summary>
        /// Maps the pins and prepares COM2. <paramref name="invertSignals"/> inverts RX and TX in the UART (the P1 Data
        /// line is inverted open collector, DSMR 5.0.2 §5.7.2) and must be chosen before opening.
        /// <paramref name="driverEnablePin"/> other than <see cref="PinMap.None"/> selects half-duplex RS-485 mode, RTS
        /// high while sending (EKM). <paramref name="dataRequest"/> may be null where there is no request line.
        /// </summary>
        public Esp32SerialLink(int rxPin, int txPin, int driverEnablePin, bool invertSignals, P1DataRequest dataRequest)
        {
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
            _port = new SerialPort(PortName);
            if (driverEnablePin != PinMap.None)
            {
                Configuration.SetPinFunction(driverEnablePin, DeviceFunction.COM2_RTS);
                _port.Mode = SerialMode.RS485;
            }
            _port.ReadBufferSize = BufferSize;
            _port.Handshake = Handshake.None;
            _port.StopBits = StopBits.One;
            if (invertSignals)
            {
                _port.InvertSignalLevels = true;
            }
            _dataRequest = dataRequest;
        }

        /// <inheritdoc/>
        public void Open(int baudRate, LinkParity parity, int dataBits)
        {
            _port.BaudRate = baudRate;
            _port.Parity = ToParity(parity);
            _port.DataBits = dataBits;
            try
            {
                _port.Open();
            }
            catch (System.Exception e)
            {
                throw new IOException(PortName + " cannot be opened", e);
            }
        }

        /// <inheritdoc/>
        public void Close()
        {
            if (_port.IsOpen)
            {
                _port.Close();
            }
        }

        /// <summary>Each property set while open reconfigures the UART (nanoFramework NativeConfig), so only changes are set.</summary>
        public void Configure(int baudRate, LinkParity parity, int dataBits)
        {
            Parity wanted = ToParity(parity);
            if (_port.Parity != wanted) _port.Parity = wanted;
            if (_port.DataBits != dataBits) _port.DataBits = dataBits;
            if (_port.BaudRate != baudRate) _port.BaudRate = baudRate;
        }

        /// <summary>
        /// nanoFramework's <c>SerialPort.Read</c> waits for all requested bytes and throws <c>TimeoutException</c> when
        /// there are none, so only what <c>BytesToRead</c> reports is read; while nothing has arrived it polls every 10 ms.
        /// </summary>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int available = _port.BytesToRead;
            for (int waited = 0; available == 0 && waited < timeoutMs; waited += PollMs)
            {
                Thread.Sleep(PollMs);
                available = _port.BytesToRead;
            }
            if (available == 0) return 0;
            return _port.Read(buffer, offset, available < count ? available : count);
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        /// <inheritdoc/>
        public void SetDataRequest(bool active)
        {
            if (_dataRequest != null)
            {
                _dataRequest.Set(active);
            }
        }

        private static Parity ToParity(LinkParity parity)
        {
            switch (parity)
            {
                case LinkParity.Even: return Parity.Even;
                case LinkParity.Odd: return Parity.Odd;
                default: return Parity.None;
            }
        }
    }
}
