C     tdre reference oracle: IGRF11SYN in the legacy style.
C
C     Written for tdre from ../shared/spec/legacy-igrf11.md and driven
C     by the oracle vectors until it agrees with the original igrf11.f
C     to the last bit. Fixed-form Fortran 77: implicit typing, a packed
C     GH array filled by DATA statements, statement labels and GO TO,
C     messages on unit 6, as in the program it stands in for.
C
C     The coefficients (declarations, EQUIVALENCE and DATA) come from
C     igrf11gh.inc, which tdre-gen emits from the published table; the
C     REAL literals there are deliberate: the legacy program stored each
C     coefficient as the double nearest its single-precision value.
C
C     ISV    0 main field, 1 secular variation (per year)
C     DATE   decimal year, 1900.0 <= DATE <= 2020.0
C     ITYPE  1 geodetic (WGS84 spheroid), 2 geocentric (sphere)
C     ALT    ITYPE 1: height above the spheroid, km
C            ITYPE 2: distance from the centre of the Earth, km
C     COLAT  colatitude, degrees
C     ELONG  east longitude, degrees
C     X,Y,Z  north, east, vertical (down) components, nT or nT/yr
C     F      total intensity, nT; 1.0D8 when DATE is out of range
C
      SUBROUTINE IGRF11SYN (ISV,DATE,ITYPE,ALT,COLAT,ELONG,X,Y,Z,F)
      IMPLICIT DOUBLE PRECISION (A-H,O-Z)
      INCLUDE 'igrf11gh.inc'
      DIMENSION P(105),Q(105),CL(13),SL(13)
C
      X     = 0.0
      Y     = 0.0
      Z     = 0.0
      IF (DATE.LT.1900.0.OR.DATE.GT.2020.0) GO TO 11
      IF (DATE.GT.2015.0) WRITE (6,960) DATE
  960 FORMAT (/' This version of the IGRF is intended for use up',
     1        ' to 2015.0.'/' values for',F9.3,' will be computed',
     2        ' but may be of reduced accuracy'/)
      IF (DATE.GE.2010.0) GO TO 1
C
C     Interpolation between the 5-year models. The 0.2 is a REAL
C     literal: its error moves the model index early below each epoch.
C
      T     = 0.2*(DATE - 1900.0)
      LL    = T
      ONE   = LL
      T     = T - ONE
      IF (DATE.LT.1995.0) GO TO 2
      NMX   = 13
      NC    = NMX*(NMX+2)
      LL    = 0.2*(DATE - 1995.0)
      LL    = 120*19 + NC*LL
      GO TO 3
    2 NMX   = 10
      NC    = NMX*(NMX+2)
      LL    = NC*LL
    3 TC    = 1.0 - T
      IF (ISV.EQ.0) GO TO 4
      TC    = -0.2
      T     = 0.2
      GO TO 4
C
C     Extrapolation from 2010 with the secular variation.
C
    1 T     = DATE - 2010.0
      TC    = 1.0
      IF (ISV.EQ.0) GO TO 5
      T     = 1.0
      TC    = 0.0
    5 LL    = 2865
      NMX   = 13
      NC    = NMX*(NMX+2)
C
C     Position: geocentric by default, converted from geodetic below.
C
    4 R     = ALT
      ONE   = COLAT*0.017453292
      CT    = COS(ONE)
      ST    = SIN(ONE)
      ONE   = ELONG*0.017453292
      CL(1) = COS(ONE)
      SL(1) = SIN(ONE)
      CD    = 1.0
      SD    = 0.0
      L     = 1
      M     = 1
      N     = 0
      IF (ITYPE.EQ.2) GO TO 6
      A2    = 40680631.6
      B2    = 40408296.0
      ONE   = A2*ST*ST
      TWO   = B2*CT*CT
      THREE = ONE + TWO
      RHO   = SQRT(THREE)
      R     = SQRT(ALT*(ALT + 2.0*RHO) + (A2*ONE + B2*TWO)/THREE)
      CD    = (ALT + RHO)/R
      SD    = (A2 - B2)/RHO*CT*ST/R
      ONE   = CT
      CT    = CT*CD - ST*SD
      ST    = ST*CD + ONE*SD
C
C     Legendre functions and the field, degree by degree.
C
    6 RATIO = 6371.2/R
      RR    = RATIO*RATIO
      P(1)  = 1.0
      P(3)  = ST
      Q(1)  = 0.0
      Q(3)  = CT
      KMX   = (NMX + 1)*(NMX + 2)/2
      DO 10 K = 2,KMX
      IF (N.GE.M) GO TO 7
      M     = 0
      N     = N + 1
      RR    = RR*RATIO
      FN    = N
      GN    = N - 1
    7 FM    = M
      IF (M.NE.N) GO TO 8
      IF (K.EQ.3) GO TO 9
      ONE   = SQRT(1.0 - 0.5/FM)
      J     = K - N - 1
      P(K)  = ONE*ST*P(J)
      Q(K)  = ONE*(ST*Q(J) + CT*P(J))
      CL(M) = CL(M-1)*CL(1) - SL(M-1)*SL(1)
      SL(M) = SL(M-1)*CL(1) + CL(M-1)*SL(1)
      GO TO 9
    8 GMM   = M*M
      ONE   = SQRT(FN*FN - GMM)
      TWO   = SQRT(GN*GN - GMM)/ONE
      THREE = (FN + GN)/ONE
      I     = K - N
      J     = I - N + 1
      P(K)  = THREE*CT*P(I) - TWO*P(J)
      Q(K)  = THREE*(CT*Q(I) - ST*P(I)) - TWO*Q(J)
    9 ONE   = (TC*GH(LL+L) + T*GH(LL+L+NC))*RR
      IF (M.EQ.0) GO TO 13
      TWO   = (TC*GH(LL+L+1) + T*GH(LL+L+NC+1))*RR
      THREE = ONE*CL(M) + TWO*SL(M)
      X     = X + THREE*Q(K)
      Z     = Z - (FN + 1.0)*THREE*P(K)
      IF (ST.EQ.0.0) GO TO 14
      Y     = Y + (ONE*SL(M) - TWO*CL(M))*FM*P(K)/ST
      GO TO 15
   14 Y     = Y + (ONE*SL(M) - TWO*CL(M))*Q(K)*CT
   15 L     = L + 2
      GO TO 10
   13 X     = X + ONE*Q(K)
      Z     = Z - (FN + 1.0)*ONE*P(K)
      L     = L + 1
   10 M     = M + 1
C
C     Back from the geocentric frame to the input one.
C
      ONE   = X
      X     = X*CD + Z*SD
      Z     = Z*CD - ONE*SD
      F     = SQRT(X*X + Y*Y + Z*Z)
      RETURN
C
C     Date out of range: message, zero components, F = 1.0D8.
C
   11 WRITE (6,961) DATE
  961 FORMAT (/' This subroutine will not work with a date of',
     1        F9.3/' Date must be in the range 1900.0 <= date',
     2        ' <= 2020.0'/
     3        ' On return F = 1.0D+8., X = Y = Z = 0.'/)
      F     = 1.0D8
      RETURN
      END
