using MeterGateway.Readings;

namespace MeterGateway.Mapping
{
    /// <summary>
    /// Unit checks and exact unit scaling for the mapper. A reading's number is mantissa × 10^exponent in the unit
    /// the meter wrote, which is a DLMS unit (<see cref="ReadingSet.UnitCode"/>) times 10^<see cref="ReadingSet.UnitScale"/>
    /// (kW = W × 10³). VSCP wants a fixed unit per quantity (W, not kW: VSCP class1.measurement.md type 14 has no kW
    /// unit), so the value is re-expressed by changing the decimal exponent only:
    /// <c>exponent' = exponent + unitScale − targetScale</c>. 2.027 kW = (2027, −3, W×10³) → (2027, 0) W; 240.860 GJ →
    /// (240860, 6) J. No floating point, no rounding.
    /// </summary>
    public static class UnitScaling
    {
        /// <summary>
        /// Finds the VSCP unit code and the target decimal scale (relative to the DLMS unit) for a meter unit under
        /// <paramref name="rule"/>. False when the unit does not fit the quantity (including a missing unit where one
        /// is required): such a reading must not be published with a wrong unit.
        /// </summary>
        public static bool TryResolve(UnitRule rule, byte dlmsUnit, out int vscpUnit, out int targetScale)
        {
            vscpUnit = 0;
            targetScale = 0;
            switch (rule)
            {
                case UnitRule.ActiveEnergy:
                    vscpUnit = 1; targetScale = 3;
                    return dlmsUnit == Units.WattHour;
                case UnitRule.ReactiveEnergy:
                    targetScale = 3;
                    return dlmsUnit == Units.VarHour;
                case UnitRule.ActivePower: return dlmsUnit == Units.Watt;
                case UnitRule.ReactivePower: return dlmsUnit == Units.Var;
                case UnitRule.Voltage: return dlmsUnit == Units.Volt;
                case UnitRule.Current: return dlmsUnit == Units.Ampere;
                case UnitRule.PowerFactor: return dlmsUnit == Units.None || dlmsUnit == Units.Count;
                case UnitRule.Frequency: return dlmsUnit == Units.Hertz;
                case UnitRule.Volume: return dlmsUnit == Units.CubicMetre;
                case UnitRule.Heat:
                    if (dlmsUnit == Units.Joule) return true;
                    vscpUnit = 1; targetScale = 3;
                    return dlmsUnit == Units.WattHour;
                default: return false;
            }
        }

        /// <summary>The decimal exponent of the value expressed in the target unit: <c>exponent + unitScale − targetScale</c>.</summary>
        public static int Rescale(int exponent, int unitScale, int targetScale)
        {
            return exponent + unitScale - targetScale;
        }
    }
}
