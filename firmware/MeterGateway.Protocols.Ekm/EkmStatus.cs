namespace MeterGateway.Protocols.Ekm
{
    /// <summary>Outcome of an exchange with an EKM meter (<see cref="EkmClient"/>, <see cref="EkmReplyDecoder"/>).</summary>
    public enum EkmStatus : byte
    {
        /// <summary>The reply was complete and valid, or the command was acknowledged.</summary>
        Ok = 0,
        /// <summary>Nothing came back in time (wrong address, wrong port, meter off, or a v4-only read of a v3 meter).</summary>
        NoReply = 1,
        /// <summary>The reply stopped before its 255 bytes.</summary>
        Incomplete = 2,
        /// <summary>The reply's CRC did not match: damaged on the line.</summary>
        Crc = 3,
        /// <summary>The reply carries another meter address than the one requested.</summary>
        WrongMeter = 4,
        /// <summary>The V4 reply's Request_Type is not the one requested ("00" for A, "01" for B).</summary>
        WrongRequestType = 5,
        /// <summary>The reply passed its CRC but a field needed to read it is malformed (kWh_Scale not 0..2).</summary>
        BadContent = 6,
        /// <summary>The meter did not acknowledge the password.</summary>
        PasswordRefused = 7,
        /// <summary>The meter answered the command with something other than ACK.</summary>
        Refused = 8,
    }

    /// <summary>Constant texts of <see cref="EkmStatus"/> (nanoFramework's Enum.ToString gives the number).</summary>
    public static class EkmStatusText
    {
        /// <summary>The text of a status.</summary>
        public static string Of(EkmStatus status)
        {
            switch (status)
            {
                case EkmStatus.Ok: return "ok";
                case EkmStatus.NoReply: return "no reply from the meter";
                case EkmStatus.Incomplete: return "the reply stopped before 255 bytes";
                case EkmStatus.Crc: return "the reply's CRC does not match (damaged reply)";
                case EkmStatus.WrongMeter: return "the reply is from another meter address";
                case EkmStatus.WrongRequestType: return "the reply's request type is not the one requested";
                case EkmStatus.BadContent: return "the reply has a malformed kWh_Scale field";
                case EkmStatus.PasswordRefused: return "the meter refused the password";
                default: return "the meter did not acknowledge the command";
            }
        }
    }
}
