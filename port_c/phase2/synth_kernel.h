/*
 * synth_kernel.h: the sums of synth.c for a lane count, included once per lane
 * count (one source for the point and the batch kernels). The includer
 * defines K(name) (name with the lane count's suffix), the types VD (lanes
 * of doubles) and VL (lane masks), and K(vload), K(vstore), K(gather),
 * K(pick), K(polemask) for them.
 */
/* The pole branch of the legacy program (ST exactly 0) computes its y term
 * as (d q) ct instead of ((d m) p) / st. With poles, u, v, w are picked per
 * lane and dividing by w = 1 keeps both forms bit for bit; without, the
 * plain form runs. */
static inline __attribute__((always_inline)) void
K(synth_vec)(const tdre_model *m, tdre_lanes *ln, const int poles, int nmax, int two)
{
    VD p[TDRE_KMAX + 1], q[TDRE_KMAX + 1];
    VD cl[TDRE_COEFFS_NMAX + 1], sl[TDRE_COEFFS_NMAX + 1];
    const VD ct = K(vload)(ln->ct), st = K(vload)(ln->st), ratio = K(vload)(ln->ratio);
    const VD stdiv = K(vload)(ln->stdiv), zero = ct - ct;
    const VL pole = K(polemask)(ln);
    VD rr = ratio * ratio;
    VD x = zero, y = zero, z = zero, x2 = zero, y2 = zero, z2 = zero;
    p[1] = zero + 1.0;
    p[3] = st;
    q[1] = zero;
    q[3] = ct;
    cl[1] = K(vload)(ln->cl1);
    sl[1] = K(vload)(ln->sl1);
    const int kmax = (nmax + 1) * (nmax + 2) / 2;
    int l = 0;
    for (int k = 2; k <= kmax; k++) {
        const tdre_rec *r = &m->rec[k];
        const int mm = r->m, i = r->i, j = r->j;
        const double ra = r->a, rb = r->b, fn1 = r->fn1, fm = r->fm;
        if (r->newn)
            rr = rr * ratio;
        if (r->kind == TDRE_REC_SECTORAL) {
            p[k] = ra * st * p[j];
            q[k] = ra * (st * q[j] + ct * p[j]);
            cl[mm] = cl[mm - 1] * cl[1] - sl[mm - 1] * sl[1];
            sl[mm] = sl[mm - 1] * cl[1] + cl[mm - 1] * sl[1];
        } else if (r->kind == TDRE_REC_GENERAL) {
            p[k] = ra * ct * p[i] - rb * p[j];
            q[k] = ra * (ct * q[i] - st * p[i]) - rb * q[j];
        }
        if (mm == 0) {
            VD one = K(gather)(ln->c1, l) * rr;
            x = x + one * q[k];
            z = z - fn1 * one * p[k];
            if (two) {
                VD one2 = K(gather)(ln->c2, l) * rr;
                x2 = x2 + one2 * q[k];
                z2 = z2 - fn1 * one2 * p[k];
            }
            l += 1;
            continue;
        }
        VD u = p[k], v = p[k], w = st;
        if (poles) {
            u = K(pick)(pole, q[k], zero + fm);
            v = K(pick)(pole, ct, v);
            w = stdiv;
        }
        VD one = K(gather)(ln->c1, l) * rr, tw = K(gather)(ln->c1, l + 1) * rr;
        VD three = one * cl[mm] + tw * sl[mm], d = one * sl[mm] - tw * cl[mm];
        x = x + three * q[k];
        z = z - fn1 * three * p[k];
        y = y + (poles ? d * u * v / w : d * fm * p[k] / st);
        if (two) {
            one = K(gather)(ln->c2, l) * rr;
            tw = K(gather)(ln->c2, l + 1) * rr;
            three = one * cl[mm] + tw * sl[mm];
            d = one * sl[mm] - tw * cl[mm];
            x2 = x2 + three * q[k];
            z2 = z2 - fn1 * three * p[k];
            y2 = y2 + (poles ? d * u * v / w : d * fm * p[k] / st);
        }
        l += 2;
    }
    K(vstore)(ln->x, x);
    K(vstore)(ln->y, y);
    K(vstore)(ln->z, z);
    K(vstore)(ln->x2, x2);
    K(vstore)(ln->y2, y2);
    K(vstore)(ln->z2, z2);
}

