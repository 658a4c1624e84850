namespace MeterGateway.Config
{
    /// <summary>How the host drives the P1 data request line (<c>[SERIAL] data_request</c>; DSMR 5.0.2 §5.7.1).</summary>
    public enum DataRequestMode : byte
    {
        /// <summary><c>none</c>: the cable holds the line high itself (most USB P1 cables).</summary>
        None = 0,
        /// <summary><c>rts</c>: through the serial port's RTS line.</summary>
        Rts = 1,
        /// <summary><c>gpio:CHIP:LINE</c>: through a GPIO line of a Linux GPIO character device (a Raspberry Pi pin).</summary>
        Gpio = 2,
    }
}
