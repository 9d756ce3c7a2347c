C     Flushes unit 6, so that the oracle's messages leave the Fortran
C     runtime's buffer before tdre stops capturing them.
      SUBROUTINE TDRFL6
      FLUSH (6)
      END
