#!/usr/bin/env python3
"""Writes the small diffractometer files the measured-pattern reader tests read, and the independent readings of them.

usage: /usr/bin/python3 tools/measured/make_reader_fixtures.py   (from the repository root; Debian's python3, for xrayutilities)

Every file holds the same physics: silicon (Fd-3m, a = 5.4309 Å), whose (111) and (220) reflections are placed by
Bragg's law at the wavelength the file states (Kα1), on a flat background of 40 counts, 2θ = 25.00–50.00° in 0.05° steps
(501 points). The counts are integers; where the peak passes 800 counts the instrument's attenuator is "in": the
file stores the count divided by 10 (rounded) and a factor of 10, which the reader must multiply back. The layouts are
written from the published descriptions (Bruker DIFFRAC^plus XCH manual appendix A for RAW v3; the RAW v4 and BRML
structure as open readers read it; Rigaku RAS/RASX as SmartLab writes them), not from the C# reader.

Written into tests/Bravais.Diffraction.Tests/Measured/Fixtures/:
  si-v3.raw            Bruker RAW1.01, Cu Kα1/Kα2 doublet at ratio 0.5, one 32-byte supplementary record
  si-v3-2ranges.raw    the same with a second range (2θ 50.05–60.00°) after the first
  si-v4.raw            Bruker RAW4.00, Cu, ratio 0 (Kα1 only, a monochromator), text/tube/drive segments, two range
                       headers of type 50 (2Theta and Theta starts)
  si-v4-2ranges.raw    the same with a second range
  si.brml              Bruker BRML: Experiment0/RawData0.xml (a planned route without rows, then the measured route),
                       Co tube with Kα2/Kα1 = 0.48 (not the default 0.5)
  si.ras               Rigaku RAS, Cu "Ka" (doublet, no ratio stated → 0.5), CRLF, a Japanese|English value
  si-2scans.ras        the same with a second scan
  si.rasx              Rigaku RASX, Cu, XrayGenerator WaveType "Ka" but the RAS header's MEAS_COND_XG_WAVE_TYPE "Ka1"
And, from independent readers of the same files (expected values for the tests):
  oracle/NAME.expected.tsv
                       what this script wrote for the first range/scan: 2θ and count × attenuator factor
  oracle/si-v3.raw.xyconv, si-v3-2ranges.raw.xyconv
                       xylib 1.6's `xyconv -t bruker_raw` (Debian libxy-bin 1.6-2), an independent reader: every
                       range's 2θ and counts (xylib 1.6 predates RAW4 support, so v4 has only the expected values)
  oracle/si.ras.xu.tsv, si-2scans.ras.xu.tsv
                       xrayutilities' RASFile (Debian python3-xrayutilities): 2θ, counts, attenuator of scan 0
"""
import io
import math
import os
import struct
import subprocess
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "Bravais.Diffraction.Tests", "Measured", "Fixtures")
ORACLE = os.path.join(OUT, "oracle")

A_SI = 5.4309
START, STEP, N = 25.0, 0.05, 501
CU = dict(anode="Cu", k1=1.540593, k2=1.544414, kb=1.392250)
CO = dict(anode="Co", k1=1.788965, k2=1.792850, kb=1.620790)


def peaks(wavelength):
    """2θ (degrees) of Si (111) and (220) at this wavelength, with their heights."""
    out = []
    for hkl, height in (((1, 1, 1), 1500.0), ((2, 2, 0), 700.0)):
        d = A_SI / math.sqrt(sum(i * i for i in hkl))
        out.append((2 * math.degrees(math.asin(wavelength / (2 * d))), height))
    return out


def pattern(wavelength, start=START, n=N):
    """(2θ, stored count, attenuator factor) per step."""
    rows = []
    for i in range(n):
        tth = round(start + STEP * i, 4)
        true = 40.0 + sum(h * math.exp(-0.5 * ((tth - p) / 0.08) ** 2) for p, h in peaks(wavelength))
        count = round(true)
        rows.append((tth, round(count / 10), 10) if count > 800 else (tth, count, 1))
    return rows


def fixed(text, size):
    data = text.encode("latin-1")[:size]
    return data + b"\0" * (size - len(data))


def raw_v3(ranges):
    w = CU
    h = bytearray(712)
    h[0:8] = b"RAW1.01\0"
    struct.pack_into("<ii", h, 8, 1, len(ranges))
    h[16:26] = fixed("03/14/25", 10)
    h[26:36] = fixed("12:00:00", 10)
    h[36:108] = fixed("fixture", 72)
    h[326:386] = fixed("Si reader fixture", 60)
    struct.pack_into("<f", h, 564, 280.0)
    h[608:612] = fixed(w["anode"], 4)
    struct.pack_into("<ddddd", h, 616, (w["k1"] + 0.5 * w["k2"]) / 1.5, w["k1"], w["k2"], w["kb"], 0.5)
    h[656:660] = fixed("A", 4)
    out = bytes(h)
    for start, n in ranges:
        rows = pattern(w["k1"], start, n)
        r = bytearray(304)
        struct.pack_into("<iidd", r, 0, 304, n, start / 2, start)
        struct.pack_into("<d", r, 176, STEP)
        struct.pack_into("<fi", r, 192, 1.0, 0)  # step time, scan type 0 = locked coupled
        struct.pack_into("<ii", r, 224, 40, 40)
        struct.pack_into("<diii", r, 240, w["k1"], 0, 4, 32)  # used λ, varying, record length, supplementary size
        supplementary = struct.pack("<ii", 100, 32) + bytes(24)  # an oscillation record, skipped
        data = b"".join(struct.pack("<f", c * a) for _, c, a in rows)  # RAW has no attenuator column: counts × factor
        out += bytes(r) + supplementary + data
    return out


def raw_v4(ranges):
    w = CU
    h = bytearray(61)
    h[0:7] = b"RAW4.00"
    h[12:24] = fixed("2025-03-14", 12)
    h[24:34] = fixed("12:00:00", 10)
    out = bytes(h)
    value = fixed("Si reader fixture", 28)
    out += struct.pack("<II", 10, 36 + len(value)) + bytes(4) + fixed("SampleID", 24) + value
    tube = bytearray(120)
    struct.pack_into("<II", tube, 0, 30, 120)
    struct.pack_into("<ddddd", tube, 72, w["k1"], w["k1"], w["k2"], w["kb"], 0.0)  # ratio 0: Kα1 only
    tube[116:120] = fixed(w["anode"], 4)
    out += bytes(tube)
    out += struct.pack("<IIi", 60, 76, 1) + fixed("TwoTheta", 24) + bytes(32) + struct.pack("<d", 0.0)
    for start, n in ranges:
        rows = pattern(w["k1"], start, n)
        r = bytearray(160)
        struct.pack_into("<I", r, 0, 160)
        r[32:56] = fixed("Locked Coupled", 24)
        struct.pack_into("<ddIf", r, 72, start, STEP, n, 1.0)
        struct.pack_into("<ff", r, 100, 40.0, 40.0)
        struct.pack_into("<d", r, 112, w["k1"])
        extra = b""
        for name, value in (("2Theta", start), ("Theta", start / 2)):
            extra += struct.pack("<II", 50, 64) + bytes(4) + fixed(name, 24) + bytes(20) + struct.pack("<d", value)
        struct.pack_into("<II", r, 136, 4, len(extra))
        out += bytes(r) + extra + b"".join(struct.pack("<f", c * a) for _, c, a in rows)
    return out


def brml():
    w = CO
    rows = pattern(w["k1"])
    datum = "\n".join(
        f"      <Datum>0.5,{a},{t:.3f},{t / 2:.4f},{c}</Datum>" for t, c, a in rows)
    raw = f"""<?xml version="1.0" encoding="utf-8"?>
<RawData xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <Identifier><Guid>6f1c2a1e-0000-4000-8000-000000000001</Guid></Identifier>
  <TimeStampStarted>2025-03-14T12:00:00+00:00</TimeStampStarted>
  <DataRoutes>
    <DataRoute RouteFlag="Planned">
      <ScanInformation ScanName="Coupled TwoTheta/Theta" VisibleName="Coupled TwoTheta/Theta"><ScanMode>ContinuousScan</ScanMode></ScanInformation>
    </DataRoute>
    <DataRoute RouteFlag="Measured">
      <ScanInformation ScanName="Coupled TwoTheta/Theta" VisibleName="Coupled TwoTheta/Theta">
        <ScanMode>ContinuousScan</ScanMode>
        <TimePerStep>0.5</TimePerStep>
        <TimePerStepEffective>0.5</TimePerStepEffective>
        <MeasurementPoints>{N}</MeasurementPoints>
        <ScanAxes>
          <ScanAxisInfo AxisId="TwoTheta" AxisName="TwoTheta"><Reference>0</Reference><Start>{START}</Start><Stop>{START + STEP * (N - 1):.2f}</Stop><Increment>{STEP}</Increment><Unit Base="Degree" Prefix="None" /></ScanAxisInfo>
          <ScanAxisInfo AxisId="Theta" AxisName="Theta"><Reference>0</Reference><Start>{START / 2}</Start><Stop>{(START + STEP * (N - 1)) / 2:.3f}</Stop><Increment>{STEP / 2}</Increment><Unit Base="Degree" Prefix="None" /></ScanAxisInfo>
        </ScanAxes>
      </ScanInformation>
{datum}
      <DataViews>
        <RawDataView xsi:type="FixedRawDataView" Start="0" Length="1" LogicName="MeasuredTime" />
        <RawDataView xsi:type="FixedRawDataView" Start="1" Length="1" LogicName="AbsorptionFactor" />
        <RawDataView xsi:type="VaryingRawDataView" Start="2" Length="2">
          <Varying LogicName="ScanAxes"><FieldDefinitions FieldName="TwoTheta" AxisId="TwoTheta" /><FieldDefinitions FieldName="Theta" AxisId="Theta" /></Varying>
        </RawDataView>
        <RawDataView xsi:type="RecordedRawDataView" Start="4" Length="1">
          <Recording Category="Count" LogicName="Counter1D"><Unit Base="Count" Prefix="None" /></Recording>
        </RawDataView>
      </DataViews>
    </DataRoute>
  </DataRoutes>
  <FixedInformation>
    <Instrument>
      <PrimaryTracks><TrackInfoData><MountedOptics>
        <InfoData xsi:type="TubeMountInfoData" LogicName="Tube">
          <Tube>
            <TubeMaterial>{w["anode"]}</TubeMaterial>
            <WaveLengthAlpha1 Value="{w["k1"]}" Unit="Å" />
            <WaveLengthAlpha2 Value="{w["k2"]}" Unit="Å" />
            <WaveLengthBeta Value="{w["kb"]}" Unit="Å" />
            <WaveLengthRatio Value="0.48" Unit="" />
          </Tube>
        </InfoData>
      </MountedOptics></TrackInfoData></PrimaryTracks>
    </Instrument>
  </FixedInformation>
</RawData>
"""
    container = """<?xml version="1.0" encoding="utf-8"?>
<DataContainer><RawDataReferenceList><string>Experiment0/RawData0.xml</string></RawDataReferenceList></DataContainer>
"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("experimentCollection.xml", "<ExperimentCollection />\n"),
                           ("Experiment0/DataContainer.xml", container),
                           ("Experiment0/RawData0.xml", raw)):
            z.writestr(zipfile.ZipInfo(name, date_time=(2025, 3, 14, 12, 0, 0)), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def ras(scans):
    w = CU
    lines = ["*RAS_DATA_START"]
    for start, n in scans:
        rows = pattern(w["k1"], start, n)
        header = [
            ("FILE_COMMENT", "測定|Si reader fixture"), ("FILE_SAMPLE", "Si"),
            ("HW_XG_TARGET_NAME", w["anode"]), ("HW_XG_WAVE_LENGTH_ALPHA1", f"{w['k1']:.6f}"),
            ("HW_XG_WAVE_LENGTH_ALPHA2", f"{w['k2']:.6f}"), ("HW_XG_WAVE_LENGTH_BETA", f"{w['kb']:.6f}"),
            ("MEAS_COND_AXIS_NAME_INTERNAL-0", "TwoTheta"), ("MEAS_COND_AXIS_POSITION-0", f"{start:.4f}"),
            ("MEAS_COND_XG_WAVE_TYPE", "Ka"), ("MEAS_DATA_COUNT", f"{n}"),
            ("MEAS_SCAN_AXIS_X", "2-Theta/Theta"), ("MEAS_SCAN_AXIS_X_INTERNAL", "TwoThetaTheta"),
            ("MEAS_SCAN_END_TIME", "03/14/25 12:10:00"), ("MEAS_SCAN_MODE", "CONTINUOUS"),
            ("MEAS_SCAN_SPEED", "3.0000"), ("MEAS_SCAN_SPEED_UNIT", "deg/min"),
            ("MEAS_SCAN_START", f"{start:.4f}"), ("MEAS_SCAN_START_TIME", "03/14/25 12:00:00"),
            ("MEAS_SCAN_STEP", f"{STEP:.4f}"), ("MEAS_SCAN_STOP", f"{start + STEP * (n - 1):.4f}"),
            ("MEAS_SCAN_UNIT_X", "deg"), ("MEAS_SCAN_UNIT_Y", "counts"),
        ]
        lines += ["*RAS_HEADER_START"] + [f'*{k} "{v}"' for k, v in header] + ["*RAS_HEADER_END", "*RAS_INT_START"]
        lines += [f"{t:.4f} {c:.4f} {a:.4f}" for t, c, a in rows]
        lines += ["*RAS_INT_END"]
    lines += ["*RAS_DATA_END", ""]
    return "\r\n".join(lines).encode("utf-8")


def rasx():
    w = CU
    rows = pattern(w["k1"])
    profile = "\ufeff" + "".join(f"{t:.4f}\t{c}\t{a}\r\n" for t, c, a in rows)
    conditions = f"""<?xml version="1.0" encoding="utf-8"?>
<MeasurementConditions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <GeneralInformation><SampleName>Si</SampleName><Comment>Si reader fixture</Comment><SystemName>SmartLab</SystemName></GeneralInformation>
  <HWConfigurations>
    <XrayGenerator>
      <Type>Hermetic</Type><TargetName>{w["anode"]}</TargetName><WaveType>Ka</WaveType>
      <WavelengthKalpha1>{w["k1"]}</WavelengthKalpha1><WavelengthKalpha2>{w["k2"]}</WavelengthKalpha2><WavelengthKbeta>{w["kb"]}</WavelengthKbeta>
      <Voltage>40</Voltage><VoltageUnit>kV</VoltageUnit><Current>30</Current><CurrentUnit>mA</CurrentUnit>
    </XrayGenerator>
  </HWConfigurations>
  <ScanInformation>
    <AxisName>TwoThetaTheta</AxisName><Mode>Continuous</Mode><Start>{START}</Start><Stop>{START + STEP * (N - 1):.2f}</Stop>
    <Step>{STEP}</Step><Speed>3</Speed><SpeedUnit>deg/min</SpeedUnit><PositionUnit>deg</PositionUnit><IntensityUnit>counts</IntensityUnit><DataCount>{N}</DataCount>
  </ScanInformation>
  <RASHeader>
    <Pair><string>*MEAS_COND_XG_WAVE_TYPE</string><string>Ka1</string></Pair>
    <Pair><string>*FILE_MEMO</string><string>memo</string></Pair>
  </RASHeader>
</MeasurementConditions>
"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("root.xml", "<Root><Data>Data0</Data></Root>\n"),
                           ("Data0/Profile0.txt", profile),
                           ("Data0/MesurementConditions0.xml", conditions)):
            z.writestr(zipfile.ZipInfo(name, date_time=(2025, 3, 14, 12, 0, 0)), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(ORACLE, exist_ok=True)
    second = (START + STEP * N, 200)
    write("si-v3.raw", raw_v3([(START, N)]))
    write("si-v3-2ranges.raw", raw_v3([(START, N), second]))
    write("si-v4.raw", raw_v4([(START, N)]))
    write("si-v4-2ranges.raw", raw_v4([(START, N), second]))
    write("si.brml", brml())
    write("si.ras", ras([(START, N)]))
    write("si-2scans.ras", ras([(START, N), second]))
    write("si.rasx", rasx())

    # what was written: 2θ, intensity (count × attenuator factor) of the first range/scan, for every fixture
    for name, wavelength in (("si-v3.raw", CU["k1"]), ("si-v4.raw", CU["k1"]), ("si.brml", CO["k1"]),
                             ("si.ras", CU["k1"]), ("si.rasx", CU["k1"])):
        with open(os.path.join(ORACLE, name + ".expected.tsv"), "w") as f:
            f.write(f"# written by make_reader_fixtures.py: Si (111), (220) at {wavelength} A; 2theta, count x attenuator\n")
            for t, c, a in pattern(wavelength):
                f.write(f"{t:.4f}\t{c * a}\n")

    # xylib 1.6 reads RAW versions 1-3 (its RAW4 support came later): every range, "### block #N" between them
    for name in ("si-v3.raw", "si-v3-2ranges.raw"):
        subprocess.run(["xyconv", "-t", "bruker_raw", os.path.join(OUT, name), os.path.join(ORACLE, name + ".xyconv")], check=True)

    import xrayutilities as xu
    for name in ("si.ras", "si-2scans.ras"):
        scan = xu.io.RASFile(os.path.join(OUT, name)).scans[0]
        with open(os.path.join(ORACLE, name + ".xu.tsv"), "w") as f:
            f.write(f"# xrayutilities {xu.__version__} RASFile scan 0, axis {scan.scan_axis}, {len(scan.data)} points\n")
            for row in scan.data:
                f.write(f"{row[0]!r}\t{row[1]!r}\t{row[2]!r}\n")


if __name__ == "__main__":
    main()
