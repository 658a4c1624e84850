namespace MeterGateway.Platform
{
    /// <summary>
    /// The ESP32 GPIOs of the default wiring (hardware/README.md, "ESP32 pin map"). Chosen to be free on every
    /// ESP32 module including WROVER (PSRAM takes GPIO 16/17, flash GPIO 6–11) and to avoid the strapping pins
    /// 0, 5, 12 and 15 that decide how the chip boots; GPIO 2 (strapping, must be low to flash) only drives the LED.
    /// </summary>
    public static class PinMap
    {
        /// <summary>Meter UART receive (COM2_RX): P1 Data, IR phototransistor, or RS-485 RO.</summary>
        public const int MeterRx = 32;

        /// <summary>Meter UART transmit (COM2_TX): IR LED or RS-485 DI. Mapped even when nothing is sent, since COM2 has no default pins.</summary>
        public const int MeterTx = 33;

        /// <summary>RS-485 driver enable (COM2_RTS, high while sending): DE and /RE of the transceiver.</summary>
        public const int Rs485DriverEnable = 27;

        /// <summary>P1 Data Request: drives the high-side switch that puts +5 V on RJ12 pin 2.</summary>
        public const int P1DataRequest = 25;

        /// <summary>Status LED (the on-board LED of most DevKitC-style boards), to ground through a resistor.</summary>
        public const int StatusLed = 2;

        /// <summary>Provisioning button to ground (internal pull-up): held while the application starts opens the portal.</summary>
        public const int ProvisioningButton = 13;

        /// <summary>No pin: the function is not wired.</summary>
        public const int None = -1;
    }
}
